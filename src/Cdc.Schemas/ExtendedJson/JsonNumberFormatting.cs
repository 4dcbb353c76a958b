using System.Buffers.Text;
using System.Globalization;

namespace Cdc.Schemas.ExtendedJson;

/// <summary>Number, date and hex text for Extended JSON, written straight into the sink without allocating.</summary>
internal static class JsonNumberFormatting
{
    /// <summary>Latest instant relaxed mode writes as an ISO-8601 string: 9999-12-31T23:59:59.999Z.</summary>
    public const long MaxIsoDateMilliseconds = 253_402_300_799_999;

    /// <summary>Days from 0001-01-01 to 1970-01-01.</summary>
    private const int UnixEpochDayNumber = 719_162;

    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    public static void WriteInt32(ref Utf8JsonSink sink, int value)
    {
        var span = sink.GetSpan(11);
        Utf8Formatter.TryFormat(value, span, out var written);
        sink.Advance(written);
    }

    public static void WriteInt64(ref Utf8JsonSink sink, long value)
    {
        var span = sink.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var written);
        sink.Advance(written);
    }

    public static void WriteUInt32(ref Utf8JsonSink sink, uint value)
    {
        var span = sink.GetSpan(10);
        Utf8Formatter.TryFormat(value, span, out var written);
        sink.Advance(written);
    }

    /// <summary>
    /// A finite double in the shortest text that reads back as the same double AND reads back as a double rather than
    /// an integer: "1.0" not "1", "-0.0", "1.0E+20", "1.5E-7" (exponent without leading zeros).
    /// </summary>
    public static void WriteFiniteDouble(ref Utf8JsonSink sink, double value)
    {
        // Whole numbers below 10^15 print identically as integers, far more cheaply than the shortest-round-trip search.
        if (Math.Abs(value) < 1e15 && value == Math.Truncate(value) && !(value == 0 && double.IsNegative(value)))
        {
            var span = sink.GetSpan(20);
            Utf8Formatter.TryFormat((long)value, span, out var written);
            span[written] = (byte)'.';
            span[written + 1] = (byte)'0';
            sink.Advance(written + 2);
            return;
        }

        if (ShortDecimalDoubles.TryWrite(ref sink, value))
        {
            return;
        }

        Span<byte> text = stackalloc byte[32];
        if (!value.TryFormat(text, out var length, default, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"Could not format the double {value}.");
        }

        text = text[..length];
        var exponentAt = text.IndexOf((byte)'E');
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        sink.Write(mantissa);
        if (mantissa.IndexOf((byte)'.') < 0)
        {
            sink.Write(".0"u8);
        }

        if (exponentAt < 0)
        {
            return;
        }

        var exponent = text[(exponentAt + 1)..];
        sink.Write((byte)'E');
        if (exponent[0] is (byte)'+' or (byte)'-')
        {
            sink.Write(exponent[0]);
            exponent = exponent[1..];
        }

        var firstSignificant = exponent.IndexOfAnyExcept((byte)'0');
        sink.Write(firstSignificant < 0 ? "0"u8 : exponent[firstSignificant..]);
    }

    /// <summary>The Extended JSON name of a non-finite double.</summary>
    public static ReadOnlySpan<byte> NonFiniteText(double value) =>
        double.IsNaN(value) ? "NaN"u8 : value > 0 ? "Infinity"u8 : "-Infinity"u8;

    /// <summary>YYYY-MM-DDTHH:MM:SS.sssZ for 0 ≤ milliseconds ≤ <see cref="MaxIsoDateMilliseconds"/>.</summary>
    public static void WriteIsoDate(ref Utf8JsonSink sink, long milliseconds)
    {
        var days = Math.DivRem(milliseconds, 86_400_000L, out var millisecondOfDay);
        DateOnly.FromDayNumber(UnixEpochDayNumber + (int)days).Deconstruct(out var year, out var month, out var day);
        var secondOfDay = (int)(millisecondOfDay / 1000);
        var span = sink.GetSpan(24);
        WriteDigits(span, year, 4);
        span[4] = (byte)'-';
        WriteTwoDigits(span[5..], month);
        span[7] = (byte)'-';
        WriteTwoDigits(span[8..], day);
        span[10] = (byte)'T';
        WriteTwoDigits(span[11..], secondOfDay / 3600);
        span[13] = (byte)':';
        WriteTwoDigits(span[14..], secondOfDay / 60 % 60);
        span[16] = (byte)':';
        WriteTwoDigits(span[17..], secondOfDay % 60);
        span[19] = (byte)'.';
        WriteDigits(span[20..], (int)(millisecondOfDay % 1000), 3);
        span[23] = (byte)'Z';
        sink.Advance(24);
    }

    public static void WriteHex(ref Utf8JsonSink sink, scoped ReadOnlySpan<byte> bytes)
    {
        var span = sink.GetSpan(bytes.Length * 2);
        for (var i = 0; i < bytes.Length; i++)
        {
            span[2 * i] = HexDigits[bytes[i] >> 4];
            span[(2 * i) + 1] = HexDigits[bytes[i] & 0xF];
        }

        sink.Advance(bytes.Length * 2);
    }

    private static void WriteTwoDigits(Span<byte> destination, int value)
    {
        destination[0] = (byte)('0' + (value / 10));
        destination[1] = (byte)('0' + (value % 10));
    }

    private static void WriteDigits(Span<byte> destination, int value, int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
