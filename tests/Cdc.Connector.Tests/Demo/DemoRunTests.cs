using System.Text.Json;
using Cdc.Connector.Cli;

namespace Cdc.Connector.Tests.Demo;

/// <summary>The whole demo in-process, briefly (the real process is run by tests/integration/DemoTests).</summary>
public sealed class DemoRunTests
{
    [Fact]
    public async Task Without_a_terminal_it_prints_progress_lines_on_stderr_and_one_conclusion_on_stdout()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        var exitCode = await DemoCommand.RunAsync(
            new DemoArguments { Duration = TimeSpan.FromSeconds(3), Rate = 100 }, stdout, stderr, interactive: false, timeout.Token);

        var errors = stderr.ToString();
        Assert.True(exitCode == 0, $"exit {exitCode}\nstdout: {stdout}\nstderr: {errors}");
        Assert.Contains("cdc demo: starting the sandbox", errors);
        Assert.Contains("cdc demo: starting the connector", errors);
        Assert.Matches(@"cdc demo: 0:0\d running; writes [\d,]+; read [\d,]+", errors);
        Assert.Matches(
            @"^cdc demo: ok: [\d,]+ writes \(\d+ transactions\) → [\d,]+ change events read, [\d,]+ published \+ [\d,]+ tombstones → " +
            @"consumed [\d,]+ records \+ [\d,]+ tombstones, 0 decode failures; end-to-end latency p50 [\d.]+ ms, p99 [\d.]+ ms, max [\d.]+ ms\.\r?\n$",
            stdout.ToString());
    }

    [Fact]
    public async Task A_stop_request_ends_the_run_early_and_still_reports_a_complete_summary()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var stop = new CancellationTokenSource();

        var run = DemoCommand.RunAsync(new DemoArguments { Json = true, Rate = 100 }, stdout, stderr, interactive: false, stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(4));
        await stop.CancelAsync();
        var exitCode = await run.WaitAsync(TimeSpan.FromSeconds(90));

        Assert.True(exitCode == 0, $"exit {exitCode}\nstdout: {stdout}\nstderr: {stderr}");
        using var summary = JsonDocument.Parse(stdout.ToString());
        var consumer = summary.RootElement.GetProperty("consumer");
        var connector = summary.RootElement.GetProperty("connector");
        Assert.True(summary.RootElement.GetProperty("ok").GetBoolean());
        Assert.True(consumer.GetProperty("records").GetInt64() > 0);
        Assert.Equal(consumer.GetProperty("records").GetInt64(), consumer.GetProperty("decoded").GetInt64());
        Assert.Equal(
            connector.GetProperty("eventsPublished").GetInt64() + connector.GetProperty("tombstones").GetInt64(),
            consumer.GetProperty("records").GetInt64());
        Assert.DoesNotContain("running;", stderr.ToString());
    }
}
