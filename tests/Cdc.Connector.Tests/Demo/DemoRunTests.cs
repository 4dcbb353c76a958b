using System.Text.Json;
using System.Text.RegularExpressions;
using Cdc.Cli;
using Cdc.Demo;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdc.Connector.Tests.Demo;

/// <summary>The whole demo in-process, briefly (the real process is run by tests/integration/DemoTests).</summary>
public sealed partial class DemoRunTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Without_a_terminal_it_prints_progress_lines_on_stderr_and_one_conclusion_on_stdout()
    {
        using var stdout = new SharedStringWriter();
        using var stderr = new SharedStringWriter();
        using var signals = new DemoSignals();

        // Stopped once a progress line of the running demo was printed, however long the start took on this machine.
        var run = DemoCommand.RunAsync(new DemoArguments { Rate = 100 }, stdout, stderr, interactive: false, signals);
        await WaitUntilAsync(() => RunningLine().IsMatch(stderr.ToString()) || run.IsCompleted, "a progress line of the running demo", stderr);
        Assert.True(signals.Receive());
        var exitCode = await run.WaitAsync(Deadline);

        var errors = stderr.ToString();
        Assert.True(exitCode == 0, $"exit {exitCode}\nstdout: {stdout}\nstderr: {errors}");
        Assert.Contains("cdc demo: starting the sandbox", errors);
        Assert.Contains("cdc demo: starting the connector", errors);
        Assert.Matches(RunningLine(), errors);
        Assert.Matches(
            @"^cdc demo: ok: [\d,]+ documents seeded → snapshot complete: [\d,]+ rows published → consumed [\d,]+; " +
            @"[\d,]+ writes \(\d+ transactions\) → [\d,]+ change events read, [\d,]+ published \+ [\d,]+ tombstones → " +
            @"consumed [\d,]+ records \+ [\d,]+ tombstones, 0 decode failures; end-to-end latency p50 [\d.]+ ms, p99 [\d.]+ ms, max [\d.]+ ms\.\r?\n$",
            stdout.ToString());
    }

    [Fact]
    public async Task A_stop_request_ends_the_run_early_and_still_reports_a_complete_summary()
    {
        using var stdout = new SharedStringWriter();
        using var stderr = new SharedStringWriter();
        using var signals = new DemoSignals();

        // Stopped once the workload has signed up a customer (seen on the demo's own MongoDB), however long the start
        // took: that may be while the connector is still snapshotting the seeded shop.
        var run = DemoCommand.RunAsync(new DemoArguments { Json = true, Rate = 100 }, stdout, stderr, interactive: false, signals);
        await WaitUntilAsync(() => MongoDbLine().IsMatch(stderr.ToString()) || run.IsCompleted, "the demo's MongoDB address", stderr);
        if (MongoDbLine().Match(stderr.ToString()) is { Success: true } address)
        {
            using var client = new MongoClient(address.Groups["uri"].Value);
            var customers = client.GetDatabase("shop").GetCollection<BsonDocument>("customers");
            await WaitUntilAsync(() => run.IsCompleted || customers.CountDocuments(SignedUpByTheWorkload) > 0, "the workload's first customer", stderr);
        }

        Assert.True(signals.Receive());
        var exitCode = await run.WaitAsync(Deadline);

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

        // The stop waited for the snapshot too: every seeded document reached the consumer as a snapshot row.
        var snapshot = summary.RootElement.GetProperty("snapshot");
        Assert.True(snapshot.GetProperty("completed").GetBoolean(), snapshot.GetRawText());
        Assert.True(snapshot.GetProperty("seededDocuments").GetInt64() > 0);
        Assert.True(snapshot.GetProperty("consumerDecoded").GetInt64() >= snapshot.GetProperty("seededDocuments").GetInt64(), snapshot.GetRawText());
    }

    [Fact]
    public async Task With_keep_the_sandbox_and_the_runs_data_stay_up_after_the_summary_until_the_next_signal()
    {
        using var stdout = new SharedStringWriter();
        using var stderr = new SharedStringWriter();
        using var signals = new DemoSignals();

        var run = DemoCommand.RunAsync(new DemoArguments { Json = true, Rate = 100, Keep = true }, stdout, stderr, interactive: false, signals);
        await WaitUntilAsync(() => MongoDbLine().IsMatch(stderr.ToString()) || run.IsCompleted, "the demo's MongoDB address", stderr);
        var address = MongoDbLine().Match(stderr.ToString());
        Assert.True(address.Success, $"no endpoints line\nstderr: {stderr}");
        using var client = new MongoClient(address.Groups["uri"].Value);
        var customers = client.GetDatabase("shop").GetCollection<BsonDocument>("customers");
        await WaitUntilAsync(() => run.IsCompleted || customers.CountDocuments(SignedUpByTheWorkload) > 0, "the workload's first customer", stderr);

        Assert.True(signals.Receive());
        await WaitUntilAsync(() => KeptLine().IsMatch(stderr.ToString()) || run.IsCompleted, "the line saying the sandbox is kept", stderr);

        // The summary is out, the run is over, and the process still serves the run's data where it said it would.
        Assert.False(run.IsCompleted, $"the demo ended instead of keeping its sandbox\nstderr: {stderr}");
        using (var summary = JsonDocument.Parse(stdout.ToString()))
        {
            Assert.True(summary.RootElement.GetProperty("ok").GetBoolean(), $"stdout: {stdout}\nstderr: {stderr}");
        }

        var kept = KeptLine().Match(stderr.ToString());
        Assert.Equal(address.Groups["uri"].Value, kept.Groups["uri"].Value);
        Assert.True(customers.CountDocuments(FilterDefinition<BsonDocument>.Empty) > 0);

        Assert.True(signals.Receive());
        var exitCode = await run.WaitAsync(Deadline);

        Assert.True(exitCode == 0, $"exit {exitCode}\nstdout: {stdout}\nstderr: {stderr}");
        Assert.EndsWith($"cdc demo: stopping the kept sandbox.{Environment.NewLine}", stderr.ToString());
    }

    /// <summary>Customers after the seeded ones: the workload's sign-ups (written once the demo has started).</summary>
    private static FilterDefinition<BsonDocument> SignedUpByTheWorkload =>
        Builders<BsonDocument>.Filter.Gt("_id", ShopVocabulary.CustomerId(new SeededShopSettings().Customers));

    private static async Task WaitUntilAsync(Func<bool> condition, string what, SharedStringWriter stderr)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"No {what} within {Deadline.TotalSeconds:0} s.\nstderr: {stderr}");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"cdc demo: \d+:\d\d running; writes [\d,]+; read [\d,]+")]
    private static partial Regex RunningLine();

    [GeneratedRegex(@"cdc demo:\s+MongoDB (?<uri>mongodb://\S+)")]
    private static partial Regex MongoDbLine();

    [GeneratedRegex(@"cdc demo: --keep: the sandbox stays up [^\n]*\r?\ncdc demo:\s+MongoDB (?<uri>mongodb://\S+)  Kafka \S+  Schema Registry http://\S+\r?\n")]
    private static partial Regex KeptLine();
}
