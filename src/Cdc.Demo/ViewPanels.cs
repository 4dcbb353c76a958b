using Spectre.Console;
using Spectre.Console.Rendering;

namespace Cdc.Demo;

/// <summary>
/// The live view's panels. Each line is built from cells of the widths <see cref="ViewLayout"/> gives (derived from
/// the terminal's size, never from the values shown), and each panel has the number of rows it was given, blank rows
/// included, so the frame keeps its shape from one refresh to the next.
/// </summary>
internal static class ViewPanels
{
    private static readonly Style Grey = new(Color.Grey);

    /// <summary>Topics with their records (tombstones included) and the records the workload's writes must produce there.</summary>
    public static IReadOnlyList<string> Topics(DemoSnapshot s) =>
        [.. s.ExpectedByTopic.Keys.Union(s.ConsumedByTopic.Keys).Order(StringComparer.Ordinal)];

    public static IReadOnlyList<string> OperationTypes(DemoSnapshot s) =>
        [.. s.ReadByOperationType.Keys.Union(s.ConsumedByOperationType.Keys).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Throughput on the left, health on the right, and under them a line on the snapshot. Published and consumed count
    /// change events (snapshot rows included) and tombstones apart, so the two can be compared: every published event is
    /// a consumed record, every published tombstone a consumed one.
    /// </summary>
    public static Panel Pipeline(DemoSnapshot s, ViewLayout layout)
    {
        var latencyWindow = s.Finished ? "whole run" : "last 10 s";
        (string Label, string Value, Style? Style)[] left =
        [
            ("workload", $"{DemoFormat.Count(s.WorkloadOperations)} writes  {DemoFormat.Rate(s.WorkloadOperationsPerSecond)}  ({DemoFormat.Count(s.Transactions)} txns)", null),
            ("read", $"{DemoFormat.Count(s.EventsRead)} events  {DemoFormat.Rate(s.ReadPerSecond)}", null),
            ("published", $"{DemoFormat.Count(s.EventsPublished)} events + {DemoFormat.Count(s.PublishedTombstones)} tombstones  {DemoFormat.Rate(s.PublishedPerSecond)}", null),
            ("consumed", $"{DemoFormat.Count(s.ConsumedEvents)} records + {DemoFormat.Count(s.ConsumedTombstones)} tombstones  {DemoFormat.Rate(s.ConsumedPerSecond)}", null),
            ("in flight", DemoFormat.Count(s.InFlightEvents), null),
            ("metrics", s.MetricsUrl ?? "(no metrics endpoint in this build)", null),
        ];
        (string Label, string Value, Style? Style)[] right =
        [
            ("source lag", DemoFormat.Seconds(s.SourceLagSeconds), null),
            ("p50 / p99", s.Latency is { } l ? $"{DemoFormat.Milliseconds(l.P50)} / {DemoFormat.Milliseconds(l.P99)}  ({latencyWindow})" : "-", null),
            ("checkpoint", $"{DemoFormat.Age(s.CheckpointAge)}  ({DemoFormat.Count(s.CheckpointsCommitted)} commits)", null),
            ("decode failures", DemoFormat.Count(s.DecodeFailures), new Style(s.DecodeFailures == 0 ? Color.Green : Color.Red)),
            ("restarts", $"{DemoFormat.Count(s.Restarts)}  (dead-lettered {DemoFormat.Count(s.DeadLettered)})", null),
            ("position", s.CheckpointPosition ?? "-", null),
        ];

        var lines = new List<IRenderable>(ViewLayout.PipelineRows);
        for (var i = 0; i < left.Length; i++)
        {
            lines.Add(new ViewLine()
                .Label(left[i].Label, ViewLayout.PipelineLeftLabel).Gap(1).Cell(left[i].Value, layout.PipelineLeftValue, left[i].Style)
                .Gap(2)
                .Label(right[i].Label, ViewLayout.PipelineRightLabel).Gap(1).Cell(right[i].Value, layout.PipelineRightValue, right[i].Style)
                .ToParagraph());
        }

        // The snapshot of the shop as it was when the connector started: its progress, then that it is complete.
        var snapshot = s.InitialSnapshot;
        Style? snapshotStyle = snapshot.Complete && snapshot.Collections > 0 ? new Style(Color.Green) : snapshot.Planned ? new Style(Color.Yellow) : null;
        lines.Add(new ViewLine()
            .Label("snapshot", ViewLayout.PipelineLeftLabel).Gap(1).Cell(snapshot.Describe(), layout.Inner - ViewLayout.PipelineLeftLabel - 1, snapshotStyle)
            .ToParagraph());
        return Framed("pipeline", lines, expand: true);
    }

    /// <summary>The topics panel and the change-events panel side by side, each as wide as its columns.</summary>
    public static Grid Counts(DemoSnapshot s, ViewLayout layout, IReadOnlyList<string> topics, IReadOnlyList<string> operations)
    {
        var gap = ViewLayout.CountNumberGap;
        var topicWidth = layout.TopicNumberWidth;
        var topicLines = new List<IRenderable>
        {
            new ViewLine().Label("topic", ViewLayout.TopicNameWidth)
                .Gap(gap).Cell("records", topicWidth, Grey, rightAligned: true)
                .Gap(gap).Cell("expected", topicWidth, Grey, rightAligned: true).ToParagraph(),
        };
        topicLines.AddRange(topics.Select(topic => new ViewLine().Cell(topic, ViewLayout.TopicNameWidth)
            .Gap(gap).Cell(DemoFormat.Count(s.ConsumedByTopic.GetValueOrDefault(topic)), topicWidth, rightAligned: true)
            .Gap(gap).Cell(DemoFormat.Count(s.ExpectedByTopic.GetValueOrDefault(topic)), topicWidth, rightAligned: true).ToParagraph()));
        Pad(topicLines, 1 + layout.CountRows, layout.TopicsPanelWidth - ViewLayout.PanelChrome);

        var operationWidth = layout.OperationNumberWidth;
        var operationLines = new List<IRenderable>
        {
            new ViewLine().Label("operation", ViewLayout.OperationNameWidth)
                .Gap(gap).Cell("read", operationWidth, Grey, rightAligned: true)
                .Gap(gap).Cell("published", operationWidth, Grey, rightAligned: true)
                .Gap(gap).Cell("consumed", operationWidth, Grey, rightAligned: true).ToParagraph(),
        };
        operationLines.AddRange(operations.Select(operation => new ViewLine().Cell(operation, ViewLayout.OperationNameWidth)
            // A connector that does not count reads by type (yet) shows "-" rather than a misleading 0.
            .Gap(gap).Cell(s.ReadByOperationType.Count == 0 ? "-" : DemoFormat.Count(s.ReadByOperationType.GetValueOrDefault(operation)), operationWidth, rightAligned: true)
            .Gap(gap).Cell(DemoFormat.Count(s.PublishedByOperationType.GetValueOrDefault(operation)), operationWidth, rightAligned: true)
            .Gap(gap).Cell(DemoFormat.Count(s.ConsumedByOperationType.GetValueOrDefault(operation)), operationWidth, rightAligned: true).ToParagraph()));
        Pad(operationLines, 1 + layout.CountRows, layout.OperationsPanelWidth - ViewLayout.PanelChrome);

        return new Grid()
            .AddColumn(new GridColumn().Width(layout.TopicsPanelWidth).NoWrap().Padding(0, 0, ViewLayout.CountPanelsGap, 0))
            .AddColumn(new GridColumn().Width(layout.OperationsPanelWidth).NoWrap().Padding(0, 0, 0, 0))
            .AddRow(Framed("topics", topicLines, expand: false), Framed("change events", operationLines, expand: false));
    }

    /// <summary>The newest records first, one line each, in columns whose widths depend on the terminal's width only.</summary>
    public static Panel Records(DemoSnapshot s, ViewLayout layout)
    {
        var gap = ViewLayout.RecordGap;
        var lines = new List<IRenderable>
        {
            new ViewLine().Label("topic", ViewLayout.RecordTopicWidth)
                .Gap(gap).Label("operation", ViewLayout.RecordOperationWidth)
                .Gap(gap).Label("key", layout.RecordKeyWidth)
                .Gap(gap).Label("document", layout.RecordDocumentWidth)
                .Gap(gap).Cell("latency", ViewLayout.RecordLatencyWidth, Grey, rightAligned: true).ToParagraph(),
        };
        lines.AddRange(s.LastRecords.Reverse().Take(layout.RecordRows).Select(record => new ViewLine()
            .Cell(record.Topic, ViewLayout.RecordTopicWidth)
            .Gap(gap).Cell(record.OperationType, ViewLayout.RecordOperationWidth)
            .Gap(gap).Cell(record.Key, layout.RecordKeyWidth)
            .Gap(gap).Cell(record.Document, layout.RecordDocumentWidth)
            .Gap(gap).Cell(DemoFormat.Milliseconds(record.LatencyMs), ViewLayout.RecordLatencyWidth, rightAligned: true).ToParagraph()));
        Pad(lines, 1 + layout.RecordRows, layout.Inner);
        return Framed("last decoded records", lines, expand: true);
    }

    /// <summary>The last lines of the connector, the sandbox and the consumer, as many as the terminal has room for.</summary>
    public static Panel Log(DemoSnapshot s, ViewLayout layout)
    {
        var lines = new List<IRenderable>(s.LogLines.Skip(Math.Max(0, s.LogLines.Count - layout.LogRows)).Select(line => ViewLine.Text(line, layout.Inner, Grey)));
        Pad(lines, layout.LogRows, layout.Inner);
        return Framed("log", lines, expand: true);
    }

    private static void Pad(List<IRenderable> lines, int count, int width)
    {
        while (lines.Count < count)
        {
            lines.Add(ViewLine.Blank(width));
        }
    }

    private static Panel Framed(string header, IReadOnlyList<IRenderable> lines, bool expand) =>
        new Panel(new Rows(lines)) { Expand = expand }.Header(header).Border(BoxBorder.Rounded);
}
