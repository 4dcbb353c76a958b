using Cdc.Connector.Demo;
using Spectre.Console;

namespace Cdc.Connector.Tests.Demo;

public sealed class LiveViewTests
{
    [Fact]
    public void On_an_80_column_terminal_the_view_still_fits_and_shows_the_topics()
    {
        var text = Render(Snapshot(), 80);

        Assert.All(text.Split('\n'), line => Assert.True(line.TrimEnd('\r').Length <= 80, $"{line.Length} > 80: {line}"));
        Assert.Contains("cdc.shop.orders", text);
        Assert.Contains("last decoded records", text);
    }

    [Theory]
    [InlineData(120)]
    [InlineData(200)]
    public void The_view_shows_every_figure_on_lines_no_wider_than_the_terminal(int width)
    {
        var text = Render(Snapshot(), width);
        var lines = text.Split('\n');

        Assert.All(lines, line => Assert.True(line.TrimEnd('\r').Length <= width, $"{line.Length} > {width}: {line}"));
        Assert.Contains("cdc.shop.orders", text);
        Assert.Contains("1,234", text); // records of cdc.shop.orders
        Assert.Contains("212/s", text); // read rate
        Assert.Contains("14 ms / 87 ms", text); // p50 / p99
        Assert.Contains("0.12 s", text); // source lag
        Assert.Contains("http://127.0.0.1:41234/metrics", text);
        Assert.Contains("(tombstone)", text);
        Assert.Contains("last problem:", text);
        Assert.Contains("info PipelineRunner: Fresh start", text);

        // One line per record: the long document is cut, not wrapped onto a second line.
        Assert.Single(lines, line => line.Contains("{\"_id\":\"c-00042\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Values_the_connector_does_not_report_yet_show_as_dashes_not_zeros()
    {
        var snapshot = Snapshot() with
        {
            SourceLagSeconds = null,
            RecentLatency = null,
            MetricsUrl = null,
            CheckpointPosition = null,
            CheckpointAge = null,
            ReadByOperationType = new Dictionary<string, long>(),
            LastProblem = null,
        };

        var text = Render(snapshot, 160);

        Assert.Contains("(no metrics endpoint in this build)", text);
        Assert.Matches(@"source lag\s+-", text);
        Assert.Matches(@"│ insert\s+│\s+- │", text);
        Assert.DoesNotContain("last problem:", text);
    }

    private static string Render(DemoSnapshot snapshot, int width)
    {
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        console.Write(LiveView.Render(snapshot, width));
        return output.ToString();
    }

    private static DemoSnapshot Snapshot() => new()
    {
        Elapsed = TimeSpan.FromSeconds(75),
        Stage = "running",
        ConnectorPhase = "Reading",
        WorkloadOperations = 15_000,
        WorkloadOperationsPerSecond = 220,
        Transactions = 400,
        EventsRead = 14_000,
        ReadPerSecond = 212,
        EventsPublished = 13_990,
        PublishedPerSecond = 211,
        SourceLagSeconds = 0.12,
        RecentLatency = (14, 87, 2_000),
        InFlightEvents = 10,
        CheckpointPosition = "token 826B02508B0000000B00000000000004D90006",
        CheckpointAge = TimeSpan.FromSeconds(0.4),
        CheckpointsCommitted = 70,
        Restarts = 0,
        DeadLettered = 0,
        ReadByOperationType = new Dictionary<string, long> { ["insert"] = 5_000, ["update"] = 8_000, ["delete"] = 1_000 },
        PublishedByOperationType = new Dictionary<string, long> { ["insert"] = 5_000, ["update"] = 7_990, ["delete"] = 1_000 },
        ConsumedByOperationType = new Dictionary<string, long> { ["insert"] = 4_990, ["update"] = 7_900, ["delete"] = 990 },
        ConsumedByTopic = new Dictionary<string, long> { ["cdc.shop.orders"] = 1_234, ["cdc.shop.customers"] = 99 },
        ExpectedByTopic = new Dictionary<string, long> { ["cdc.shop.orders"] = 1_240, ["cdc.shop.customers"] = 99, ["cdc.shop.payments"] = 3 },
        ConsumedRecords = 13_000,
        ConsumedPerSecond = 205,
        DecodeFailures = 0,
        Tombstones = 990,
        LastRecords =
        [
            new ConsumedRecord("cdc.shop.customers", "insert", "{\"_id\":\"c-00042\"}", "{\"_id\":\"c-00042\",\"name\":\"Zoë\",\"email\":\"zoe.42@example.com\",\"address\":{\"street\":\"12 Market Street\",\"city\":\"Montréal\"},\"orders\":0,\"createdAt\":{\"$date\":\"2026-11-22T02:16:44.123Z\"}}", 12.4),
            new ConsumedRecord("cdc.shop.orders", "(tombstone)", "{\"_id\":{\"$oid\":\"6b02508bde2166e54e63370f\"}}", "", null),
        ],
        MetricsUrl = "http://127.0.0.1:41234/metrics",
        LogLines = ["02:16:37 info PipelineRunner: Fresh start at the server's operation time 1795313795.1; checkpointed at once so a restart resumes there"],
        LastProblem = "Kafka broker 2 is down; retrying",
    };
}
