using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Cdc.Schemas.Bson;

/// <summary>
/// IEEE 754-2008 decimal128 in the BID encoding BSON uses. <see cref="ToString"/> gives the string form of the
/// BSON decimal128 specification (as Extended JSON's $numberDecimal); <see cref="Parse"/> reads it.
/// </summary>
internal readonly record struct Decimal128(ulong Low, ulong High)
{
    /// <summary>Longest text <see cref="TryFormat"/> can produce ("-0.00000" + 34 digits, or a 34-digit scientific form).</summary>
    public const int MaxFormattedLength = 48;

    internal const int ExponentBias = 6176;
    internal const int MinExponent = -6176;
    internal const int MaxExponent = 6111;
    internal const int MaxDigits = 34;

    private const ulong SignBit = 1UL << 63;
    private const ulong InfinityHigh = 0x7800_0000_0000_0000;
    private const ulong NaNHigh = 0x7C00_0000_0000_0000;

    /// <summary>Largest valid coefficient, 10^34 - 1; larger BID values are non-canonical and read as zero.</summary>
    private static readonly UInt128 MaxCoefficient = UInt128.Parse("9999999999999999999999999999999999", CultureInfo.InvariantCulture);

    public static Decimal128 PositiveInfinity => new(0, InfinityHigh);

    public static Decimal128 NegativeInfinity => new(0, InfinityHigh | SignBit);

    public static Decimal128 NaN => new(0, NaNHigh);

    public bool IsNegative => (High & SignBit) != 0;

    /// <summary>
    /// Reads the decimal128 string form (the BSON specification's grammar: optional sign, digits with an optional
    /// point, optional exponent; or Infinity/Inf/NaN, case-insensitive). Values that cannot be represented exactly
    /// (more than 34 significant digits that are not trailing zeros, exponent overflow or underflow) are rejected
    /// rather than rounded, as the BSON corpus requires.
    /// </summary>
    /// <exception cref="FormatException">The text is not a decimal128 value.</exception>
    public static Decimal128 Parse(string text) => Decimal128Parser.Parse(text);

    public static Decimal128 FromParts(bool negative, UInt128 coefficient, int exponent)
    {
        var biased = (ulong)(exponent + ExponentBias);
        var high = (negative ? SignBit : 0) | (biased << 49) | (ulong)(coefficient >> 64);
        return new Decimal128((ulong)coefficient, high);
    }

    /// <summary>Writes the string form as UTF-8; needs at most <see cref="MaxFormattedLength"/> bytes.</summary>
    public bool TryFormat(Span<byte> utf8, out int written)
    {
        written = 0;
        if (utf8.Length < MaxFormattedLength)
        {
            return false;
        }

        var position = 0;
        var combination = (uint)(High >> 58) & 0x1F;
        if (combination == 0x1F)
        {
            written = Copy("NaN"u8, utf8);
            return true;
        }

        if (IsNegative)
        {
            utf8[position++] = (byte)'-';
        }

        if (combination == 0x1E)
        {
            written = position + Copy("Infinity"u8, utf8[position..]);
            return true;
        }

        int exponent;
        UInt128 coefficient;
        if ((combination >> 3) == 0b11)
        {
            // The "11" form implies a coefficient of at least 2^113, beyond 10^34 - 1: a non-canonical zero.
            exponent = (int)((High >> 47) & 0x3FFF) - ExponentBias;
            coefficient = 0;
        }
        else
        {
            exponent = (int)((High >> 49) & 0x3FFF) - ExponentBias;
            coefficient = new UInt128(High & 0x1_FFFF_FFFF_FFFF, Low);
            if (coefficient > MaxCoefficient)
            {
                coefficient = 0;
            }
        }

        Span<byte> digits = stackalloc byte[40];
        int digitCount;
        if (coefficient <= ulong.MaxValue)
        {
            // Prices and amounts have small coefficients: 64-bit formatting is several times cheaper than UInt128's.
            Utf8Formatter.TryFormat((ulong)coefficient, digits, out digitCount);
        }
        else
        {
            coefficient.TryFormat(digits, out digitCount, default, CultureInfo.InvariantCulture);
        }

        digits = digits[..digitCount];
        var adjusted = exponent + (digitCount - 1);
        if (exponent <= 0 && adjusted >= -6)
        {
            position += WritePlain(digits, exponent, utf8[position..]);
        }
        else
        {
            utf8[position++] = digits[0];
            if (digitCount > 1)
            {
                utf8[position++] = (byte)'.';
                position += Copy(digits[1..], utf8[position..]);
            }

            utf8[position++] = (byte)'E';
            utf8[position++] = adjusted < 0 ? (byte)'-' : (byte)'+';
            adjusted.TryFormat(utf8[position..], out var exponentLength, default, CultureInfo.InvariantCulture);
            if (adjusted < 0)
            {
                // TryFormat wrote its own '-': drop it.
                utf8.Slice(position + 1, exponentLength - 1).CopyTo(utf8[position..]);
                exponentLength--;
            }

            position += exponentLength;
        }

        written = position;
        return true;
    }

    public override string ToString()
    {
        Span<byte> text = stackalloc byte[MaxFormattedLength];
        TryFormat(text, out var written);
        return Encoding.ASCII.GetString(text[..written]);
    }

    private static int WritePlain(ReadOnlySpan<byte> digits, int exponent, Span<byte> destination)
    {
        if (exponent == 0)
        {
            return Copy(digits, destination);
        }

        var pointAt = digits.Length + exponent;
        if (pointAt > 0)
        {
            var written = Copy(digits[..pointAt], destination);
            destination[written++] = (byte)'.';
            return written + Copy(digits[pointAt..], destination[written..]);
        }

        var position = Copy("0."u8, destination);
        destination.Slice(position, -pointAt).Fill((byte)'0');
        position += -pointAt;
        return position + Copy(digits, destination[position..]);
    }

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }
}
