using Spectre.Console;
using Spectre.Console.Rendering;

namespace Cdc.Demo;

/// <summary>
/// The terminal view of `cdc demo` (Spectre.Console), redrawn 4 times a second from a <see cref="DemoSnapshot"/>:
/// throughput and health of the pipeline, what each topic and operation type holds, the last decoded records, and
/// the last log lines. Every frame is cut to the terminal's size (<see cref="ViewLayout"/>): no line wraps and nothing
/// scrolls, so the log panel at the bottom stays on screen.
/// </summary>
internal static class LiveView
{
    private const string Title = "cdc demo";
    private const string Path = "  MongoDB (emulator) → cdc → Kafka (embedded) → consumer";
    private const string StopHint = "   Ctrl-C to stop";
    private const string StatusGap = "   ";

    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);

    /// <summary>A console on <paramref name="stdout"/> with what the terminal supports (colours, cursor movement).</summary>
    public static IAnsiConsole CreateConsole(TextWriter stdout) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(stdout),
        Ansi = AnsiSupport.Detect,
        ColorSystem = ColorSystemSupport.Detect,
        Interactive = InteractionSupport.Yes,
    });

    /// <summary>Redraws until <paramref name="stop"/> is cancelled, then draws once more so the final numbers stay on screen.</summary>
    public static Task RunAsync(IAnsiConsole console, Func<DemoSnapshot> snapshot, CancellationToken stop) =>
        console.Live(Render(snapshot(), console.Profile.Width, console.Profile.Height))
            .AutoClear(false)
            .Overflow(VerticalOverflow.Ellipsis)
            .Cropping(VerticalOverflowCropping.Bottom)
            .StartAsync(async context =>
            {
                while (!stop.IsCancellationRequested)
                {
                    context.UpdateTarget(Render(snapshot(), console.Profile.Width, console.Profile.Height));
                    try
                    {
                        await Task.Delay(Refresh, stop).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }

                context.UpdateTarget(Render(snapshot(), console.Profile.Width, console.Profile.Height));
            });

    /// <summary>The view of <paramref name="s"/> for a terminal <paramref name="width"/> columns wide and <paramref name="height"/> lines high.</summary>
    public static IRenderable Render(DemoSnapshot s, int width, int height)
    {
        var topics = ViewPanels.Topics(s);
        var operations = ViewPanels.OperationTypes(s);
        var layout = ViewLayout.For(width, height, s.LastProblem is not null, Math.Max(topics.Count, operations.Count));
        var rows = new List<IRenderable> { Header(s, width) };
        if (s.LastProblem is { } problem)
        {
            const string label = "last problem: ";
            rows.Add(new ViewLine().Cell(label, label.Length, new Style(Color.Yellow)).Cell(problem, width - label.Length).ToParagraph());
        }

        rows.Add(ViewPanels.Pipeline(s, layout));
        if (layout.ShowCounts)
        {
            rows.Add(ViewPanels.Counts(s, layout, topics, operations));
        }

        rows.Add(ViewPanels.Records(s, layout));
        rows.Add(ViewPanels.Log(s, layout));
        return new Rows(rows);
    }

    /// <summary>
    /// What runs, then what the demo is doing. While it runs: the elapsed time and "Ctrl-C to stop"; once it finished:
    /// how long it ran and that the figures are the run's, with no hint to stop what has stopped.
    /// </summary>
    private static Paragraph Header(DemoSnapshot s, int width)
    {
        var status = s.Finished
            ? $"finished after {DemoFormat.Elapsed(s.Elapsed)}: rates are averages over the run  connector: {s.ConnectorPhase}"
            : $"{DemoFormat.Elapsed(s.Elapsed)}  {s.Stage}  connector: {s.ConnectorPhase}";
        var hint = !s.Finished && s.Stage == DemoSnapshot.Running ? StopHint : "";
        var path = Title.Length + Path.Length + StatusGap.Length + DemoFormat.Cells(status) + hint.Length <= width ? Path : "";
        var line = new ViewLine()
            .Cell(Title, Math.Min(Title.Length, width), new Style(decoration: Decoration.Bold))
            .Cell(path, path.Length);
        var room = width - Title.Length - path.Length;
        if (room > StatusGap.Length)
        {
            var statusWidth = Math.Min(DemoFormat.Cells(status), room - StatusGap.Length - hint.Length);
            line.Gap(StatusGap.Length).Cell(status, statusWidth, new Style(Color.Grey));
            if (hint.Length > 0 && statusWidth > 0)
            {
                line.Cell(hint, hint.Length, new Style(Color.Grey));
            }
        }

        return line.ToParagraph();
    }
}
