namespace Cdc.Schemas.ExtendedJson;

/// <summary>
/// Writes the ISO-8601 text relaxed Extended JSON uses for dates from 1970 to 9999. Every document in a change stream
/// carries a few dates, so this avoids the general calendar code: a date is a handful of integer divisions.
/// </summary>
/// <remarks>
/// The Extended JSON specification says fractional seconds have exactly three digits when non-zero and are omitted
/// when zero; the BSON corpus, the Node.js <c>bson</c> library and MongoDB's tools write it so
/// (<c>1970-01-01T00:00:00Z</c>, <c>2012-12-24T12:15:30.501Z</c>), and consumers that compare text need the same bytes.
/// </remarks>
internal static class IsoDateFormatting
{
    /// <summary>Length of YYYY-MM-DDTHH:MM:SS.sssZ, the longest text written.</summary>
    public const int Length = 24;

    /// <summary>Length of YYYY-MM-DDTHH:MM:SSZ, the text of a whole second.</summary>
    public const int WholeSecondLength = 20;

    private const long MillisecondsPerDay = 86_400_000;

    // Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar.
    private const uint EpochShift = 719_468;
    private const uint DaysPer400Years = 146_097;

    /// <summary>"00" to "99", so that each two-digit field is one lookup instead of a division and a remainder.</summary>
    private static ReadOnlySpan<byte> TwoDigits =>
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    /// <summary>
    /// Writes YYYY-MM-DDTHH:MM:SS.sssZ, or YYYY-MM-DDTHH:MM:SSZ when the milliseconds are zero, into
    /// <paramref name="destination"/> (at least <see cref="Length"/> bytes) and returns the number of bytes written,
    /// for 0 ≤ milliseconds ≤ <see cref="JsonNumberFormatting.MaxIsoDateMilliseconds"/> (the caller checks).
    /// </summary>
    public static int Write(Span<byte> destination, long milliseconds)
    {
        var text = destination[..Length];
        var days = (uint)(milliseconds / MillisecondsPerDay);
        var millisecondOfDay = (uint)(milliseconds - (days * MillisecondsPerDay));
        CivilFromDays(days, out var year, out var month, out var day);
        var secondOfDay = millisecondOfDay / 1000;
        var millisecond = millisecondOfDay - (secondOfDay * 1000);
        var minuteOfDay = secondOfDay / 60;

        WriteTwoDigits(text, 0, year / 100);
        WriteTwoDigits(text, 2, year % 100);
        text[4] = (byte)'-';
        WriteTwoDigits(text, 5, month);
        text[7] = (byte)'-';
        WriteTwoDigits(text, 8, day);
        text[10] = (byte)'T';
        WriteTwoDigits(text, 11, minuteOfDay / 60);
        text[13] = (byte)':';
        WriteTwoDigits(text, 14, minuteOfDay % 60);
        text[16] = (byte)':';
        WriteTwoDigits(text, 17, secondOfDay - (minuteOfDay * 60));
        if (millisecond == 0)
        {
            text[19] = (byte)'Z';
            return WholeSecondLength;
        }

        text[19] = (byte)'.';
        text[20] = (byte)('0' + (millisecond / 100));
        WriteTwoDigits(text, 21, millisecond % 100);
        text[23] = (byte)'Z';
        return Length;
    }

    /// <summary>
    /// Year, month and day of a day count since 1970-01-01 (non-negative). Counting years from March 1st puts the leap
    /// day last, so month lengths follow a fixed 153-days-per-5-months pattern and no table is needed; the 400-year
    /// cycle (146,097 days) and its 100- and 4-year sub-cycles then give the year of the era in one division.
    /// </summary>
    internal static void CivilFromDays(uint days, out uint year, out uint month, out uint day)
    {
        var shifted = days + EpochShift;
        var era = shifted / DaysPer400Years;
        var dayOfEra = shifted - (era * DaysPer400Years);
        var yearOfEra = (dayOfEra - (dayOfEra / 1_460) + (dayOfEra / 36_524) - (dayOfEra / 146_096)) / 365;
        var dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        var monthFromMarch = ((5 * dayOfYear) + 2) / 153;
        day = dayOfYear - (((153 * monthFromMarch) + 2) / 5) + 1;
        month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
        year = (era * 400) + yearOfEra + (month <= 2 ? 1u : 0u);
    }

    private static void WriteTwoDigits(Span<byte> text, int at, uint value)
    {
        var digits = TwoDigits.Slice((int)value * 2, 2);
        text[at] = digits[0];
        text[at + 1] = digits[1];
    }
}
