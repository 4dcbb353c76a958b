using System.Text.RegularExpressions;
using Cdc.Demo;
using Spectre.Console;

namespace Cdc.Connector.Tests.Demo;

public sealed class LiveViewTests
{
    public static TheoryData<int, int> TerminalSizes => new() { { 160, 45 }, { 100, 30 } };

    [Theory]
    [MemberData(nameof(TerminalSizes))]
    public void The_frame_fits_the_terminal_exactly_with_the_log_panel_on_screen(int width, int height)
    {
        var lines = Render(Snapshot(), width, height);

        Assert.All(lines, line => Assert.True(line.Length <= width, $"{line.Length} > {width}: {line}"));
        Assert.True(lines.Length <= height, $"{lines.Length} lines on a terminal of {height}:\n{string.Join('\n', lines)}");
        var log = Array.FindIndex(lines, line => line.StartsWith("╭─log", StringComparison.Ordinal));
        Assert.True(log > 0, "no log panel:\n" + string.Join('\n', lines));
        Assert.StartsWith("╰", lines[^1], StringComparison.Ordinal); // the log panel's bottom border is the last line: nothing cut
        Assert.Contains(lines[(log + 1)..], line => line.Contains("info PipelineRunner: Fresh start", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TerminalSizes))]
    public void A_frame_with_a_problem_line_and_every_list_full_still_fits(int width, int height)
    {
        var snapshot = Snapshot() with
        {
            LastProblem = "the connector failed: " + new string('x', 400),
            LastRecords = [.. Enumerable.Range(0, 8).Select(i => new ConsumedRecord("cdc.shop.orders", "update", $"{{\"_id\":{i}}}", new string('d', 300), i))],
            LogLines = [.. Enumerable.Range(0, ViewLayout.MaxLogRows).Select(i => $"line {i} " + new string('l', 300))],
        };

        var lines = Render(snapshot, width, height);

        Assert.All(lines, line => Assert.True(line.Length <= width, $"{line.Length} > {width}: {line}"));
        Assert.True(lines.Length <= height, $"{lines.Length} lines on a terminal of {height}");
        Assert.Contains(lines, line => line.StartsWith("╭─log", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains($"line {ViewLayout.MaxLogRows - 1} ", StringComparison.Ordinal)); // the newest log line
        Assert.StartsWith("╰", lines[^1], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TerminalSizes))]
    public void Columns_of_the_last_decoded_records_keep_their_width_whatever_the_records_hold(int width, int height)
    {
        var brief = Snapshot() with
        {
            LastRecords = [new ConsumedRecord("cdc.shop.payments", "insert", "{\"_id\":1}", "{}", 3)],
        };
        var wide = Snapshot() with
        {
            LastRecords =
            [
                new ConsumedRecord("cdc.shop.customers", "(tombstone)", "{\"_id\":{\"$oid\":\"6b02508bde2166e54e63370f\"}}", "", null),
                new ConsumedRecord("cdc.shop.orders", "update", "{\"_id\":\"o-000000000000000000000000000001\"}", "$set " + new string('x', 500), 12_345),
            ],
        };

        var briefColumns = RecordColumns(Render(brief, width, height));
        var wideColumns = RecordColumns(Render(wide, width, height));

        Assert.Equal(briefColumns, wideColumns);
    }

    [Theory]
    [MemberData(nameof(TerminalSizes))]
    public void Tombstones_are_counted_beside_events_and_are_not_a_row_of_the_topics_table(int width, int height)
    {
        var lines = Render(Snapshot(), width, height);
        var text = string.Join('\n', lines);

        Assert.Matches(@"published\s+13,990 events \+ 1,000 tombstones\s+211/s", text);
        Assert.Matches(@"consumed\s+12,910 records \+ 990 tombstones\s+205/s", text);
        var topicRows = TopicsPanelRows(lines);
        Assert.Equal(["topic", "cdc.shop.customers", "cdc.shop.orders", "cdc.shop.payments"], topicRows);
    }

    [Fact]
    public void While_running_the_header_says_how_to_stop_and_latency_is_of_the_last_10_s()
    {
        var text = string.Join('\n', Render(Snapshot(), 160, 45));

        Assert.Contains("1:15  running  connector: Reading   Ctrl-C to stop", text);
        Assert.Contains("14 ms / 87 ms  (last 10 s)", text);
    }

    [Theory]
    [MemberData(nameof(TerminalSizes))]
    public void The_final_frame_says_the_run_finished_without_a_ctrl_c_hint_and_labels_whole_run_figures(int width, int height)
    {
        var final = Snapshot() with { Finished = true, Stage = "finished", ConnectorPhase = "Stopped", Latency = (16, 41) };

        var lines = Render(final, width, height);
        var text = string.Join('\n', lines);

        Assert.StartsWith("cdc demo", lines[0], StringComparison.Ordinal);
        Assert.Contains("finished after 1:15: rates are averages over the run", lines[0]);
        Assert.DoesNotContain("Ctrl-C", text);
        Assert.Contains("16 ms / 41 ms  (whole run)", text);
        Assert.DoesNotContain("last 10 s", text);
    }

    [Fact]
    public void On_an_80_by_24_terminal_the_view_still_fits_and_keeps_the_log_panel()
    {
        var lines = Render(Snapshot(), 80, 24);

        Assert.All(lines, line => Assert.True(line.Length <= 80, $"{line.Length} > 80: {line}"));
        Assert.True(lines.Length <= 24, $"{lines.Length} lines");
        Assert.Contains(lines, line => line.Contains("cdc.shop.orders", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("╭─log", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(120, 40)]
    [InlineData(200, 50)]
    public void The_view_shows_every_figure_on_lines_no_wider_than_the_terminal(int width, int height)
    {
        var lines = Render(Snapshot(), width, height);
        var text = string.Join('\n', lines);

        Assert.All(lines, line => Assert.True(line.Length <= width, $"{line.Length} > {width}: {line}"));
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
            Latency = null,
            MetricsUrl = null,
            CheckpointPosition = null,
            CheckpointAge = null,
            ReadByOperationType = new Dictionary<string, long>(),
            LastProblem = null,
        };

        var text = string.Join('\n', Render(snapshot, 160, 45));

        Assert.Contains("(no metrics endpoint in this build)", text);
        Assert.Matches(@"source lag\s+-", text);
        Assert.Matches(@"│ insert\s+- ", text);
        Assert.DoesNotContain("last problem:", text);
    }

    [Theory]
    [MemberData(nameof(TerminalSizes))]
    public void While_the_snapshot_runs_the_pipeline_panel_shows_its_rows_of_the_total_and_the_collections_done(int width, int height)
    {
        var lines = Render(Snapshot(), width, height);

        var line = Assert.Single(lines, l => l.Contains("│ snapshot ", StringComparison.Ordinal));
        Assert.Matches(@"│ snapshot\s+1,500 of 6,200 rows \(collections done 1/3\)\s+│$", line);
        var pipelineBottom = Array.FindIndex(lines, l => l.StartsWith('╰'));
        Assert.Equal(pipelineBottom - 1, Array.IndexOf(lines, line)); // the last line of the pipeline panel
    }

    [Fact]
    public void Once_the_snapshot_is_complete_the_line_says_so_with_its_rows_and_snapshot_is_an_operation_of_the_counts()
    {
        var complete = Snapshot() with
        {
            InitialSnapshot = RunningSnapshot() with { Complete = true, CollectionsDone = 3, RowsPublished = 6_240, RowsExpected = 6_240 },
            ReadByOperationType = new Dictionary<string, long> { ["insert"] = 5_000, ["update"] = 8_000, ["delete"] = 1_000, ["snapshot"] = 6_240 },
            PublishedByOperationType = new Dictionary<string, long> { ["insert"] = 5_000, ["update"] = 7_990, ["delete"] = 1_000, ["snapshot"] = 6_240 },
            ConsumedByOperationType = new Dictionary<string, long> { ["insert"] = 4_990, ["update"] = 7_900, ["delete"] = 990, ["snapshot"] = 6_200 },
        };

        var text = string.Join('\n', Render(complete, 160, 45));

        Assert.Matches(@"│ snapshot\s+complete, 6,240 rows \(3 collections\)\s+│", text);
        Assert.Matches(@"│ snapshot\s+6,240\s+6,240\s+6,200\s+│", text);
    }

    [Fact]
    public void A_snapshot_row_shows_as_such_among_the_last_decoded_records_with_its_document_and_no_latency()
    {
        var snapshot = Snapshot() with
        {
            LastRecords = [new ConsumedRecord("cdc.shop.customers", "snapshot", "{\"_id\":\"c-00007\"}", "{\"_id\":\"c-00007\",\"name\":\"Mei\"}", null)],
        };

        var lines = Render(snapshot, 160, 45);

        var record = Assert.Single(lines, l => l.Contains("{\"_id\":\"c-00007\"}", StringComparison.Ordinal));
        Assert.Matches(@"│ cdc\.shop\.customers\s+snapshot\s+\{""_id"":""c-00007""\}\s+\{""_id"":""c-00007"",""name"":""Mei""\}\s+-\s+│", record);
    }

    private static SnapshotStatus RunningSnapshot() => new()
    {
        SeededDocuments = 6_200,
        Planned = true,
        Complete = false,
        Collections = 3,
        CollectionsDone = 1,
        RowsPublished = 1_500,
        RowsExpected = 6_200,
        RowsByCollection = new Dictionary<string, long> { ["customers"] = 1_000, ["orders"] = 500 },
    };

    /// <summary>The frame as the terminal shows it, one string per line (no colours).</summary>
    private static string[] Render(DemoSnapshot snapshot, int width, int height)
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
        console.Profile.Height = height;
        console.Write(Cdc.Demo.LiveView.Render(snapshot, width, height));
        return output.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
    }

    /// <summary>
    /// Where the columns of the last-records panel are, from its heading line (topic, operation, key and document start
    /// where their names start; latency ends where its name ends), after checking that every record's cells sit in them.
    /// </summary>
    private static int[] RecordColumns(string[] lines)
    {
        var top = Array.FindIndex(lines, line => line.StartsWith("╭─last decoded records", StringComparison.Ordinal));
        Assert.True(top >= 0, "no last decoded records panel");
        var heading = lines[top + 1];
        int[] columns =
        [
            .. new[] { "topic", "operation", "key", "document" }.Select(name => Regex.Match(heading, $@"(?<= ){name}\b").Index),
            heading.IndexOf("latency", StringComparison.Ordinal) + "latency".Length,
        ];
        var records = lines.Skip(top + 2).TakeWhile(line => !line.StartsWith('╰')).Where(line => line.Contains("cdc.shop.", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(records);
        foreach (var line in records)
        {
            Assert.True(line[columns[0]..].StartsWith("cdc.shop.", StringComparison.Ordinal), $"topic not at {columns[0]}: {line}");
            Assert.True(line[columns[1] - 1] == ' ' && line[columns[1]] != ' ', $"operation not at {columns[1]}: {line}");
            Assert.True(line[columns[2] - 1] == ' ' && line[columns[2]] == '{', $"key not at {columns[2]}: {line}");
            Assert.True(line[columns[3] - 1] == ' ', $"document not at {columns[3]}: {line}");
            Assert.True(line[columns[4] - 1] is 's' or '-' && line[columns[4]] == ' ', $"latency not ending at {columns[4]}: {line}");
        }

        return columns;
    }

    /// <summary>The first cell of each row of the topics panel (its heading included).</summary>
    private static List<string> TopicsPanelRows(string[] lines)
    {
        var top = Array.FindIndex(lines, line => line.StartsWith("╭─topics", StringComparison.Ordinal));
        Assert.True(top >= 0, "no topics panel");
        return
        [
            .. lines.Skip(top + 1).TakeWhile(line => !line.StartsWith('╰'))
                .Select(line => line[1..line.IndexOf('│', 1)].Trim())
                .Where(cell => cell.Length > 0)
                .Select(cell => cell.Split(' ')[0]),
        ];
    }

    private static DemoSnapshot Snapshot() => new()
    {
        Elapsed = TimeSpan.FromSeconds(75),
        Stage = "running",
        Finished = false,
        ConnectorPhase = "Reading",
        WorkloadOperations = 15_000,
        WorkloadOperationsPerSecond = 220,
        Transactions = 400,
        EventsRead = 14_000,
        ReadPerSecond = 212,
        EventsPublished = 13_990,
        PublishedTombstones = 1_000,
        PublishedPerSecond = 211,
        SourceLagSeconds = 0.12,
        Latency = (14, 87),
        InFlightEvents = 10,
        CheckpointPosition = "token 826B02508B0000000B00000000000004D90006",
        CheckpointAge = TimeSpan.FromSeconds(0.4),
        CheckpointsCommitted = 70,
        Restarts = 0,
        DeadLettered = 0,
        InitialSnapshot = RunningSnapshot(),
        ReadByOperationType = new Dictionary<string, long> { ["insert"] = 5_000, ["update"] = 8_000, ["delete"] = 1_000 },
        PublishedByOperationType = new Dictionary<string, long> { ["insert"] = 5_000, ["update"] = 7_990, ["delete"] = 1_000 },
        ConsumedByOperationType = new Dictionary<string, long> { ["insert"] = 4_990, ["update"] = 7_900, ["delete"] = 990 },
        ConsumedByTopic = new Dictionary<string, long> { ["cdc.shop.orders"] = 1_234, ["cdc.shop.customers"] = 99 },
        ExpectedByTopic = new Dictionary<string, long> { ["cdc.shop.orders"] = 1_240, ["cdc.shop.customers"] = 99, ["cdc.shop.payments"] = 3 },
        ConsumedRecords = 13_900,
        ConsumedPerSecond = 205,
        DecodeFailures = 0,
        ConsumedTombstones = 990,
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
