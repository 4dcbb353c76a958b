namespace Cdc.Demo;

/// <summary>
/// The sizes of the live view's parts for one terminal, derived from its width and height alone (never from what a
/// frame shows): a column keeps its width from one frame to the next, and the frame fits the terminal exactly, no
/// line wider than <see cref="Width"/> and no more lines than <see cref="Height"/>, the log panel included. What gives
/// way on a small terminal: first the rows of last records and log lines (at least one each), then the topics and
/// change-events panels.
/// </summary>
internal sealed record ViewLayout
{
    /// <summary>A panel's border and its one column of padding, on each side.</summary>
    public const int PanelChrome = 4;

    /// <summary>Six rows of figures, then the snapshot line.</summary>
    public const int PipelineRows = 7;

    public const int PipelineLeftLabel = 9; // "published"

    public const int PipelineRightLabel = 15; // "decode failures"

    public const int CountNumberGap = 2;

    /// <summary>Between the topics panel and the change-events panel.</summary>
    public const int CountPanelsGap = 1;

    /// <summary>"999,999,999": wider number columns would only spread the panels.</summary>
    public const int MaxNumberWidth = 11;

    public const int RecordTopicWidth = 18; // "cdc.shop.customers"

    public const int TopicNameWidth = RecordTopicWidth;

    public const int OperationNameWidth = 9; // "operation"

    public const int RecordOperationWidth = 11; // "(tombstone)"

    public const int RecordLatencyWidth = 8; // "12345 ms"

    public const int RecordGap = 2;

    /// <summary>As many records as the consumer keeps (<see cref="ConsumerStatistics"/>).</summary>
    public const int MaxRecordRows = 8;

    /// <summary>As many log lines as a snapshot carries.</summary>
    public const int MaxLogRows = 40;

    private const int HeaderLines = 1;
    private const int PanelBorderLines = 2;
    private const int MinimumCountRows = 3; // the three topics; insert, update, delete

    public required int Width { get; init; }

    public required int Height { get; init; }

    /// <summary>The width inside a full-width panel.</summary>
    public int Inner => Math.Max(1, Width - PanelChrome);

    public required bool ShowCounts { get; init; }

    /// <summary>Rows of the topics and change-events panels (the longer of the two lists, at least 3).</summary>
    public required int CountRows { get; init; }

    public required int RecordRows { get; init; }

    public required int LogRows { get; init; }

    public int PipelineLeftValue => Math.Min(48, PipelineValues * 3 / 5);

    public int PipelineRightValue => PipelineValues - PipelineLeftValue;

    /// <summary>The topics panel: its name column, two number columns of at most <see cref="MaxNumberWidth"/> cells, within half the width.</summary>
    public int TopicsPanelWidth => PanelChrome + TopicNameWidth + (2 * (CountNumberGap + TopicNumberWidth));

    public int TopicNumberWidth => Math.Clamp(((Width / 2) - PanelChrome - TopicNameWidth) / 2 - CountNumberGap, 1, MaxNumberWidth);

    /// <summary>The change-events panel beside it: operation type and three number columns, within the rest of the width.</summary>
    public int OperationsPanelWidth => PanelChrome + OperationNameWidth + (3 * (CountNumberGap + OperationNumberWidth));

    public int OperationNumberWidth =>
        Math.Clamp((Width - TopicsPanelWidth - CountPanelsGap - PanelChrome - OperationNameWidth) / 3 - CountNumberGap, 1, MaxNumberWidth);

    public int RecordKeyWidth => Math.Clamp(RecordFree * 2 / 5, 1, 46);

    public int RecordDocumentWidth => Math.Max(1, RecordFree - RecordKeyWidth);

    /// <summary>Label, gap, value, gap, label, gap, value.</summary>
    private int PipelineValues => Math.Max(2, Inner - PipelineLeftLabel - 1 - 2 - PipelineRightLabel - 1);

    private int RecordFree => Math.Max(2, Inner - RecordTopicWidth - RecordOperationWidth - RecordLatencyWidth - (4 * RecordGap));

    /// <summary>The layout of a terminal.</summary>
    /// <param name="width">The terminal's columns.</param>
    /// <param name="height">The terminal's lines.</param>
    /// <param name="problemLine">Whether the frame has a "last problem" line under the header.</param>
    /// <param name="countEntries">The longer of the topics list and the operation types list.</param>
    public static ViewLayout For(int width, int height, bool problemLine, int countEntries)
    {
        var countRows = Math.Max(MinimumCountRows, countEntries);
        var countLines = PanelBorderLines + 1 + countRows;
        var fixedLines = HeaderLines + (problemLine ? 1 : 0)
            + PanelBorderLines + PipelineRows
            + PanelBorderLines + 1 // the records panel: borders and its column headings
            + PanelBorderLines; // the log panel
        var free = height - fixedLines - countLines;
        var showCounts = true;
        if (free < 2)
        {
            showCounts = false;
            free += countLines;
        }

        var recordRows = Math.Clamp(free / 2, 1, MaxRecordRows);
        var logRows = Math.Clamp(free - recordRows, 1, MaxLogRows);
        return new ViewLayout
        {
            Width = width,
            Height = height,
            ShowCounts = showCounts,
            CountRows = countRows,
            RecordRows = recordRows,
            LogRows = logRows,
        };
    }
}
