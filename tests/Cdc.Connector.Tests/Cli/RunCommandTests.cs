using Cdc.Cli;

namespace Cdc.Connector.Tests.Cli;

public sealed class RunCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cdc-run-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void An_unknown_option_is_a_usage_error_with_exit_2()
    {
        var result = CliRun.Invoke("run", "--frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("cdc run: unknown option '--frobnicate'.", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("usage: cdc run --config FILE", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_option_without_a_value_is_a_usage_error()
    {
        var result = CliRun.Invoke("run", "--config");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("cdc run: --config needs a value.", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stray_argument_is_a_usage_error()
    {
        var result = CliRun.Invoke("run", "cdc.json");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("cdc run: unexpected argument 'cdc.json'.", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_prints_the_usage_on_stdout()
    {
        var result = CliRun.Invoke("run", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("usage: cdc run --config FILE", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_config_file_is_reported_with_exit_1()
    {
        var missing = Path.Combine(_directory, "absent.json");
        var result = CliRun.Invoke("run", "--config", missing);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cdc run: configuration:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("absent.json", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_endpoints_are_each_named_with_exit_1()
    {
        var path = Path.Combine(_directory, "cdc.json");
        File.WriteAllText(path, """{ "checkpoint": { "store": "file" } }""");
        var result = CliRun.Invoke("run", "--config", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'mongodb.uri' is required", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("'kafka.bootstrapServers' is required", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("'schemaRegistry.url' is required", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("'checkpoint.path' is required", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_with_no_configuration_at_all_is_a_usage_error_with_exit_2()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = RunCommand.Run([], stdout, stderr, new Dictionary<string, string>(StringComparer.Ordinal));

        Assert.Equal(2, exitCode);
        Assert.StartsWith("cdc run: no configuration: give --config FILE", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("usage: cdc run --config FILE", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_configured_by_environment_variables_alone_is_not_a_usage_error()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = RunCommand.Run([], stdout, stderr, new Dictionary<string, string>(StringComparer.Ordinal) { ["CDC__MAPPING__JSON"] = "canonical" });

        // Configured, but without endpoints: a configuration failure naming what is missing, not a usage error.
        Assert.Equal(1, exitCode);
        Assert.Contains("'mongodb.uri' is required", stderr.ToString(), StringComparison.Ordinal);
    }
}
