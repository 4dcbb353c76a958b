using System.Globalization;

namespace Cdc.Connector.Demo;

/// <summary>How the view and the progress line write numbers, durations and long text (invariant culture, short).</summary>
internal static class DemoFormat
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture) + "/s";

    public static string Milliseconds(double? ms) => ms is { } v ? v.ToString("0", CultureInfo.InvariantCulture) + " ms" : "-";

    public static string Seconds(double? seconds) => seconds is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) + " s" : "-";

    public static string Age(TimeSpan? age) => age is { } v ? Math.Max(0, v.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture) + " s ago" : "-";

    public static string Elapsed(TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalMinutes}:{elapsed.Seconds:D2}");

    /// <summary>The text cut to <paramref name="width"/> characters with an ellipsis.</summary>
    public static string Trim(string text, int width) =>
        text.Length <= width ? text : string.Concat(text.AsSpan(0, Math.Max(0, width - 1)), "…");
}
