using System.Buffers.Text;
using System.Globalization;

namespace Cdc.Schemas.ExtendedJson;

/// <summary>Number and hex text for Extended JSON, written straight into the sink without allocating.</summary>
internal static class JsonNumberFormatting
{
    /// <summary>Latest instant relaxed mode writes as an ISO-8601 string: 9999-12-31T23:59:59.999Z.</summary>
    public const long MaxIsoDateMilliseconds = 253_402_300_799_999;

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

        WriteShortestRoundTrip(ref sink, value);
    }

    /// <summary>The general case, kept out of line: its stackalloc and error text would otherwise weigh on every call.</summary>
    private static void WriteShortestRoundTrip(ref Utf8JsonSink sink, double value)
    {
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

    /// <summary>Lower-case hex (ObjectIds, binary subtypes), with the runtime's vectorised encoder.</summary>
    public static void WriteHex(ref Utf8JsonSink sink, scoped ReadOnlySpan<byte> bytes)
    {
        var span = sink.GetSpan(bytes.Length * 2);
        Convert.TryToHexStringLower(bytes, span, out var written);
        sink.Advance(written);
    }
}
