using System.Buffers.Text;

namespace Cdc.Schemas.ExtendedJson;

/// <summary>
/// Fast path for the doubles real documents are full of (prices, measurements, coordinates): values that are exactly
/// the nearest double to an integer over 10^k for small k. Writing that integer with a decimal point costs a fraction
/// of the general shortest-round-trip search, and gives the same text as it.
/// </summary>
internal static class ShortDecimalDoubles
{
    private const int MaxFractionDigits = 8;

    // Below 1e-4 the general formatter switches to exponent notation.
    private const double MinMagnitude = 1e-4;

    // At most 15 significant digits: distinct decimals of up to 15 digits always map to distinct doubles, so an exact
    // form found here cannot have a shorter rival; with 16-17 digits it could.
    private const double MaxScaled = 1e15;

    private static ReadOnlySpan<double> PowersOfTen => [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];

    /// <summary>
    /// Writes <paramref name="value"/> as "digits.digits" when some k ≤ 8 makes value·10^k an exact integer m with
    /// m / 10^k == value (then the decimal m·10^-k reads back as value: both are the correctly rounded quotient).
    /// With at most 15 digits that text is the shortest round-trip text. False, with nothing written, otherwise.
    /// </summary>
    public static bool TryWrite(ref Utf8JsonSink sink, double value)
    {
        var magnitude = Math.Abs(value);
        if (magnitude is < MinMagnitude or >= 1e15)
        {
            return false;
        }

        for (var k = 1; k <= MaxFractionDigits; k++)
        {
            var scaled = magnitude * PowersOfTen[k];
            if (scaled >= MaxScaled)
            {
                return false;
            }

            if (scaled != Math.Floor(scaled) || scaled / PowersOfTen[k] != magnitude)
            {
                continue;
            }

            // Rounding in value·10^j can hide a shorter exact form at some j < k; it then shows up here as trailing zeros.
            var integer = (long)scaled;
            var fractionDigits = k;
            while (integer % 10 == 0)
            {
                integer /= 10;
                fractionDigits--;
            }

            Write(ref sink, value < 0, integer, fractionDigits);
            return true;
        }

        return false;
    }

    private static void Write(ref Utf8JsonSink sink, bool negative, long scaled, int fractionDigits)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(scaled, digits, out var count);
        digits = digits[..count];

        // Room for sign, "0.", leading fraction zeros and the digits.
        var span = sink.GetSpan(count + fractionDigits + 3);
        var position = 0;
        if (negative)
        {
            span[position++] = (byte)'-';
        }

        var integerDigits = count - fractionDigits;
        if (integerDigits > 0)
        {
            digits[..integerDigits].CopyTo(span[position..]);
            position += integerDigits;
            span[position++] = (byte)'.';
            digits[integerDigits..].CopyTo(span[position..]);
            position += fractionDigits;
        }
        else
        {
            span[position++] = (byte)'0';
            span[position++] = (byte)'.';
            span.Slice(position, -integerDigits).Fill((byte)'0');
            position += -integerDigits;
            digits.CopyTo(span[position..]);
            position += count;
        }

        sink.Advance(position);
    }
}
