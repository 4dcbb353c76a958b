using System.Globalization;

namespace Cdc.Schemas.ExtendedJson;

/// <summary>Reads the ISO-8601 / RFC 3339 date-time strings relaxed Extended JSON uses for $date.</summary>
internal static class IsoDateText
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
    ];

    /// <summary>Milliseconds since the Unix epoch (sub-millisecond digits truncated), or false when not a date-time.</summary>
    public static bool TryParseMilliseconds(string text, out long milliseconds)
    {
        milliseconds = 0;

        // RFC 3339 requires an explicit zone; "+HHMM" is common in the wild, so give it the colon .NET expects.
        if (text.Length > 5 && text[^5] is '+' or '-' && text.AsSpan(text.Length - 4).IndexOfAnyExceptInRange('0', '9') < 0)
        {
            text = string.Concat(text.AsSpan(0, text.Length - 2), ":", text.AsSpan(text.Length - 2));
        }

        if (text.Length == 0 || !(text[^1] is 'Z' or 'z' || text.Length > 6 && text[^6] is '+' or '-'))
        {
            return false;
        }

        if (!DateTimeOffset.TryParseExact(text.Replace('z', 'Z'), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return false;
        }

        milliseconds = Math.DivRem(instant.UtcTicks - DateTime.UnixEpoch.Ticks, TimeSpan.TicksPerMillisecond, out var remainder);
        if (remainder < 0)
        {
            milliseconds--;
        }

        return true;
    }
}
