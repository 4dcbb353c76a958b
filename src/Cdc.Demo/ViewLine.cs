using Spectre.Console;

namespace Cdc.Demo;

/// <summary>
/// One line of the live view built from cells of fixed width (<see cref="DemoFormat.Fit"/>), so its width is the sum of
/// the widths it was given and never depends on the text: Spectre.Console then has nothing to wrap.
/// </summary>
internal sealed class ViewLine
{
    private static readonly Style Grey = new(Color.Grey);

    private readonly Paragraph _paragraph = new();

    public ViewLine Cell(string text, int width, Style? style = null, bool rightAligned = false)
    {
        _paragraph.Append(DemoFormat.Fit(text, width, rightAligned), style ?? Style.Plain);
        return this;
    }

    public ViewLine Label(string text, int width) => Cell(text, width, Grey);

    public ViewLine Gap(int width) => Cell("", width);

    public Paragraph ToParagraph() => _paragraph;

    public static Paragraph Blank(int width) => new ViewLine().Gap(width).ToParagraph();

    public static Paragraph Text(string text, int width, Style? style = null) => new ViewLine().Cell(text, width, style).ToParagraph();
}
