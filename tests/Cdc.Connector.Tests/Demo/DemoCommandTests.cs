using Cdc.Cli;
using Cdc.Connector.Tests.Cli;

namespace Cdc.Connector.Tests.Demo;

public sealed class DemoCommandTests
{
    [Fact]
    public void Help_prints_the_usage_on_stdout_and_exits_0()
    {
        var result = CliRun.Invoke("demo", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(DemoArguments.Usage, result.Stdout);
        Assert.Contains("--duration SECONDS", result.Stdout);
        Assert.Empty(result.Stderr);
    }

    [Fact]
    public void A_usage_error_names_the_problem_then_the_usage_and_exits_2()
    {
        var result = CliRun.Invoke("demo", "--duration", "soon");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.StartsWith($"cdc demo: --duration must be a whole number from 1 to 604800, not 'soon'.{Environment.NewLine}usage: cdc demo", result.Stderr);
    }

    [Fact]
    public void The_top_level_usage_lists_demo_as_available()
    {
        var result = CliRun.Invoke("help");

        Assert.Contains("demo [--duration SECONDS] [--rate N] [--json] [--keep]", result.Stdout);
        Assert.DoesNotContain("demo        sandbox + connector + workload + live view      (not available", result.Stdout);
    }
}
