using System.Globalization;
using System.Text;
using Spectre.Console.Rendering;

namespace Cdc.Demo;

/// <summary>How the view and the progress line write numbers, durations and long text (invariant culture, short).</summary>
internal static class DemoFormat
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture) + "/s";

    public static string Milliseconds(double? ms) => ms is { } v ? v.ToString("0", CultureInfo.InvariantCulture) + " ms" : "-";

    /// <summary>Milliseconds to a tenth, as `--json` rounds them (the text summary prints the same figures).</summary>
    public static string PreciseMilliseconds(double? ms) => ms is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + " ms" : "-";

    public static string Seconds(double? seconds) => seconds is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) + " s" : "-";

    public static string Age(TimeSpan? age) => age is { } v ? Math.Max(0, v.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture) + " s ago" : "-";

    public static string Elapsed(TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalMinutes}:{elapsed.Seconds:D2}");

    /// <summary>Terminal cells <paramref name="text"/> takes, measured as Spectre.Console measures it when it decides to wrap.</summary>
    public static int Cells(string text) => new Segment(text).CellCount();

    /// <summary>
    /// The text in exactly <paramref name="width"/> terminal cells: cut with an ellipsis when longer, padded with spaces
    /// when shorter (on the left when <paramref name="rightAligned"/>). Control characters become spaces, so a value is
    /// always one line. The view builds every line from these, which is what keeps a column's width the same from one
    /// frame to the next whatever the frame shows, and every line within the terminal's width.
    /// </summary>
    public static string Fit(string text, int width, bool rightAligned = false)
    {
        if (width <= 0)
        {
            return "";
        }

        var printable = Printable(text);
        var cells = Cells(printable);
        if (cells <= width)
        {
            var padding = new string(' ', width - cells);
            return rightAligned ? padding + printable : printable + padding;
        }

        // Cut between text elements (a surrogate pair or a letter with its combining marks stays whole).
        var cut = new StringBuilder();
        var used = 0;
        var elements = StringInfo.GetTextElementEnumerator(printable);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            var elementCells = Cells(element);
            if (used + elementCells > width - 1)
            {
                break;
            }

            cut.Append(element);
            used += elementCells;
        }

        cut.Append('…').Append(' ', width - 1 - used);
        return cut.ToString();
    }

    private static string Printable(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return string.Create(text.Length, text, static (span, source) =>
                {
                    for (var i = 0; i < source.Length; i++)
                    {
                        span[i] = char.IsControl(source[i]) ? ' ' : source[i];
                    }
                });
            }
        }

        return text;
    }
}
