using System.Text.Json;
using Cdc.Cli;

namespace Cdc.Connector.Tests.Cli;

public sealed class SandboxCommandTests
{
    [Theory]
    [InlineData("--kafka-brokers 0", "--kafka-brokers must be 1..32, not 0.")]
    [InlineData("--kafka-brokers three", "--kafka-brokers needs an integer, not 'three'.")]
    [InlineData("--mongodb-port 70000", "--mongodb-port must be 0 (any free port) to 65535, not 70000.")]
    [InlineData("--oplog-window 0", "--oplog-window must be 1..10000000 events, not 0.")]
    [InlineData("--replica-set a/b", "--replica-set 'a/b' must be 1..64 ASCII letters, digits, '-', '_' or '.'.")]
    [InlineData("--control-port 4000 --schema-registry-port=4000", "--schema-registry-port and --control-port are both 4000; each listener needs its own port.")]
    [InlineData("--control-port", "--control-port needs a value.")]
    [InlineData("--replica-set --kafka-brokers 1", "--replica-set needs a value.")]
    [InlineData("--kafka-port 9092", "unknown option '--kafka-port'.")]
    [InlineData("now", "unexpected argument 'now' (cdc sandbox takes only options).")]
    public void Bad_options_are_named_with_the_usage_and_exit_2(string arguments, string message)
    {
        var result = CliRun.Invoke(["sandbox", .. arguments.Split(' ')]);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.StartsWith($"cdc sandbox: {message}{Environment.NewLine}usage: cdc sandbox [--mongodb-port N]", result.Stderr);
    }

    [Fact]
    public void Help_prints_the_usage_on_stdout_and_exits_0()
    {
        var result = CliRun.Invoke("sandbox", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("usage: cdc sandbox [--mongodb-port N]", result.Stdout);
        Assert.Empty(result.Stderr);
    }

    [Fact]
    public async Task Prints_exactly_one_ready_line_logs_only_to_stderr_and_stops_with_exit_0_when_cancelled()
    {
        using var stdout = new LineSignallingWriter();
        using var stderr = new StringWriter();
        using var stopping = new CancellationTokenSource();

        var run = SandboxCommand.RunAsync(["--kafka-brokers", "1", "--replica-set", "demo.set"], stdout, TextWriter.Synchronized(stderr), stopping.Token);
        var line = await stdout.FirstLine.WaitAsync(TimeSpan.FromSeconds(60));
        await stopping.CancelAsync();
        var exitCode = await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, exitCode);
        Assert.Equal(line + Environment.NewLine, stdout.ToString());
        using var ready = JsonDocument.Parse(line);
        var names = ready.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["mongodb", "kafka", "schemaRegistry", "control"], names);
        Assert.Matches(@"^mongodb://127\.0\.0\.1:\d+/\?replicaSet=demo\.set$", ready.RootElement.GetProperty("mongodb").GetString());
        Assert.Matches(@"^127\.0\.0\.1:\d+$", ready.RootElement.GetProperty("kafka").GetString());
        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", ready.RootElement.GetProperty("schemaRegistry").GetString());
        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", ready.RootElement.GetProperty("control").GetString());
        var log = stderr.ToString();
        Assert.Contains("MongoDB emulator listening on", log);
        Assert.Contains("MongoDB emulator stopped", log);
        Assert.EndsWith($"cdc sandbox: stopped.{Environment.NewLine}", log);
    }

    [Fact]
    public async Task A_taken_port_is_named_and_exits_1()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = await SandboxCommand.RunAsync(["--mongodb-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], stdout, stderr, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, exitCode);
        Assert.Empty(stdout.ToString());
        Assert.Contains($"cdc sandbox: The MongoDB emulator cannot listen on 127.0.0.1:{port}:", stderr.ToString());
    }
}
