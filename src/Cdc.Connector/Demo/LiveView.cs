using Spectre.Console;
using Spectre.Console.Rendering;

namespace Cdc.Connector.Demo;

/// <summary>
/// The terminal view of `cdc demo` (Spectre.Console), redrawn 4 times a second from a <see cref="DemoSnapshot"/>:
/// throughput and health of the pipeline, what each topic and operation type holds, the last decoded records, and
/// the last log lines.
/// </summary>
internal static class LiveView
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);

    /// <summary>Redraws until <paramref name="stop"/> is cancelled, then draws once more so the final numbers stay on screen.</summary>
    public static Task RunAsync(IAnsiConsole console, Func<DemoSnapshot> snapshot, CancellationToken stop) =>
        console.Live(Render(snapshot(), console.Profile.Width))
            .AutoClear(false)
            .Overflow(VerticalOverflow.Ellipsis)
            .Cropping(VerticalOverflowCropping.Bottom)
            .StartAsync(async context =>
            {
                while (!stop.IsCancellationRequested)
                {
                    context.UpdateTarget(Render(snapshot(), console.Profile.Width));
                    try
                    {
                        await Task.Delay(Refresh, stop).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }

                context.UpdateTarget(Render(snapshot(), console.Profile.Width));
            });

    /// <summary>The view of <paramref name="s"/> for a terminal <paramref name="width"/> columns wide.</summary>
    public static IRenderable Render(DemoSnapshot s, int width)
    {
        var header = new Markup(
            $"[bold]cdc demo[/]  MongoDB (emulator) → [bold]cdc[/] → Kafka (embedded) → consumer   " +
            $"[grey]{Markup.Escape(DemoFormat.Elapsed(s.Elapsed))}  {Markup.Escape(s.Stage)}  connector: {Markup.Escape(s.ConnectorPhase)}[/]   [grey]Ctrl-C to stop[/]");

        var pipeline = new Grid().AddColumns(4);
        pipeline.AddRow(Label("workload"), Value($"{DemoFormat.Count(s.WorkloadOperations)} writes  {DemoFormat.Rate(s.WorkloadOperationsPerSecond)}  ({DemoFormat.Count(s.Transactions)} txns)"),
            Label("source lag"), Value(DemoFormat.Seconds(s.SourceLagSeconds)));
        pipeline.AddRow(Label("read"), Value($"{DemoFormat.Count(s.EventsRead)}  {DemoFormat.Rate(s.ReadPerSecond)}"),
            Label("end-to-end p50 / p99"), Value(s.RecentLatency is { } l ? $"{DemoFormat.Milliseconds(l.P50)} / {DemoFormat.Milliseconds(l.P99)}  (last 10 s)" : "-"));
        pipeline.AddRow(Label("published"), Value($"{DemoFormat.Count(s.EventsPublished)}  {DemoFormat.Rate(s.PublishedPerSecond)}"),
            Label("in flight"), Value(DemoFormat.Count(s.InFlightEvents)));
        pipeline.AddRow(Label("consumed"), Value($"{DemoFormat.Count(s.ConsumedRecords)}  {DemoFormat.Rate(s.ConsumedPerSecond)}"),
            Label("checkpoint"), Value($"{DemoFormat.Age(s.CheckpointAge)}  ({DemoFormat.Count(s.CheckpointsCommitted)} commits)"));
        pipeline.AddRow(Label("decode failures"), s.DecodeFailures == 0 ? new Markup("[green]0[/]") : new Markup($"[red]{s.DecodeFailures}[/]"),
            Label("restarts / dead-lettered"), Value($"{s.Restarts} / {s.DeadLettered}"));
        pipeline.AddRow(Label("position"), Value(DemoFormat.Trim(s.CheckpointPosition ?? "-", 60)),
            Label("metrics"), Value(s.MetricsUrl ?? "(no metrics endpoint in this build)"));

        var topics = new Table().Border(TableBorder.Rounded).Title("topics").AddColumn("topic").AddColumn(new TableColumn("records").RightAligned()).AddColumn(new TableColumn("expected").RightAligned());
        foreach (var topic in s.ExpectedByTopic.Keys.Union(s.ConsumedByTopic.Keys).Order(StringComparer.Ordinal))
        {
            topics.AddRow(Value(topic), Value(DemoFormat.Count(s.ConsumedByTopic.GetValueOrDefault(topic))), Value(DemoFormat.Count(s.ExpectedByTopic.GetValueOrDefault(topic))));
        }

        topics.AddRow(Value("tombstones"), Value(DemoFormat.Count(s.Tombstones)), Value(""));

        var operations = new Table().Border(TableBorder.Rounded).Title("change events").AddColumn("operation")
            .AddColumn(new TableColumn("read").RightAligned()).AddColumn(new TableColumn("published").RightAligned()).AddColumn(new TableColumn("consumed").RightAligned());
        foreach (var operation in s.ReadByOperationType.Keys.Union(s.ConsumedByOperationType.Keys).Order(StringComparer.Ordinal))
        {
            operations.AddRow(
                Value(operation),
                // A connector that does not count reads by type (yet) shows "-" rather than a misleading 0.
                Value(s.ReadByOperationType.Count == 0 ? "-" : DemoFormat.Count(s.ReadByOperationType.GetValueOrDefault(operation))),
                Value(DemoFormat.Count(s.PublishedByOperationType.GetValueOrDefault(operation))),
                Value(DemoFormat.Count(s.ConsumedByOperationType.GetValueOrDefault(operation))));
        }

        // One line per record and per log line whatever the terminal's width: text is cut to fit with an ellipsis,
        // never wrapped, so the view keeps its height from one refresh to the next.
        var records = new Table().Border(TableBorder.Rounded).Title("last decoded records").Expand()
            .AddColumn("topic").AddColumn("operation").AddColumn("key").AddColumn("document").AddColumn(new TableColumn("latency").RightAligned());
        var free = Math.Max(20, width - 58);
        var keyWidth = Math.Clamp(free * 2 / 5, 10, 46);
        var documentWidth = Math.Max(10, free - keyWidth);
        foreach (var record in s.LastRecords.Reverse())
        {
            records.AddRow(
                Value(record.Topic),
                Value(record.OperationType),
                Value(DemoFormat.Trim(record.Key, keyWidth)),
                Value(DemoFormat.Trim(record.Document, documentWidth)),
                Value(DemoFormat.Milliseconds(record.LatencyMs)));
        }

        var log = new Rows([.. s.LogLines.Select(line => (IRenderable)new Text(DemoFormat.Trim(line, Math.Max(20, width - 4)), new Style(Color.Grey)))]);
        var rows = new List<IRenderable>
        {
            header,
            new Panel(pipeline).Header("pipeline").Border(BoxBorder.Rounded).Expand(),
            new Columns(topics, operations) { Expand = false },
            records,
            new Panel(log).Header("log").Border(BoxBorder.Rounded).Expand(),
        };
        if (s.LastProblem is { } problem)
        {
            rows.Insert(1, new Markup($"[yellow]last problem:[/] {Markup.Escape(DemoFormat.Trim(problem, 200))}"));
        }

        return new Rows(rows);
    }

    private static Markup Label(string text) => new($"[grey]{Markup.Escape(text)}[/]");

    private static Text Value(string text) => new(text);
}
