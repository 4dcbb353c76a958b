namespace Cdc.Schemas.Bson;

/// <summary>Text → <see cref="Decimal128"/> per the BSON decimal128 specification, exact or rejected.</summary>
internal static class Decimal128Parser
{
    // Exponent digits beyond this only matter for the overflow/underflow verdict, so they saturate.
    private const long ExponentSaturation = 1_000_000_000;

    public static Decimal128 Parse(ReadOnlySpan<char> text)
    {
        var original = text;
        var negative = false;
        if (text.Length > 0 && text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            text = text[1..];
        }

        if (text.Equals("Infinity", StringComparison.OrdinalIgnoreCase) || text.Equals("Inf", StringComparison.OrdinalIgnoreCase))
        {
            return negative ? Decimal128.NegativeInfinity : Decimal128.PositiveInfinity;
        }

        if (text.Equals("NaN", StringComparison.OrdinalIgnoreCase))
        {
            return negative ? new Decimal128(0, Decimal128.NaN.High | (1UL << 63)) : Decimal128.NaN;
        }

        Span<byte> significant = stackalloc byte[Decimal128.MaxDigits];
        var significantCount = 0;
        var droppedNonZero = false;
        var sawDigit = false;
        var sawPoint = false;
        long digitsAfterPoint = 0;
        var i = 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.')
            {
                if (sawPoint)
                {
                    throw Invalid(original, "has more than one decimal point");
                }

                sawPoint = true;
                continue;
            }

            if (c is < '0' or > '9')
            {
                break;
            }

            sawDigit = true;
            if (sawPoint)
            {
                digitsAfterPoint++;
            }

            if (significantCount == 0 && c == '0')
            {
                continue;
            }

            if (significantCount < Decimal128.MaxDigits)
            {
                significant[significantCount] = (byte)(c - '0');
            }
            else if (c != '0')
            {
                droppedNonZero = true;
            }

            significantCount++;
        }

        if (!sawDigit)
        {
            throw Invalid(original, "has no digits");
        }

        long exponent = 0;
        if (i < text.Length)
        {
            if (text[i] is not ('e' or 'E'))
            {
                throw Invalid(original, $"has an unexpected character '{text[i]}'");
            }

            exponent = ParseExponent(text[(i + 1)..], original);
        }

        exponent -= digitsAfterPoint;
        if (significantCount == 0)
        {
            return Decimal128.FromParts(negative, 0, (int)Math.Clamp(exponent, Decimal128.MinExponent, Decimal128.MaxExponent));
        }

        if (significantCount > Decimal128.MaxDigits)
        {
            if (droppedNonZero)
            {
                throw Invalid(original, $"has more than {Decimal128.MaxDigits} significant digits and cannot be stored exactly");
            }

            exponent += significantCount - Decimal128.MaxDigits;
            significantCount = Decimal128.MaxDigits;
        }

        // Clamping: a too-large exponent can be traded for trailing zeros in the coefficient while it has room…
        while (exponent > Decimal128.MaxExponent && significantCount < Decimal128.MaxDigits)
        {
            significant[significantCount++] = 0;
            exponent--;
        }

        if (exponent > Decimal128.MaxExponent)
        {
            throw Invalid(original, "overflows the decimal128 exponent range");
        }

        // …and a too-small one for trailing zeros removed, as long as no non-zero digit is lost.
        while (exponent < Decimal128.MinExponent && significant[significantCount - 1] == 0)
        {
            significantCount--;
            exponent++;
        }

        if (exponent < Decimal128.MinExponent)
        {
            throw Invalid(original, "underflows the decimal128 exponent range and cannot be stored exactly");
        }

        UInt128 coefficient = 0;
        for (var d = 0; d < significantCount; d++)
        {
            coefficient = (coefficient * 10) + significant[d];
        }

        return Decimal128.FromParts(negative, coefficient, (int)exponent);
    }

    private static long ParseExponent(ReadOnlySpan<char> text, ReadOnlySpan<char> original)
    {
        var negative = false;
        if (text.Length > 0 && text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            text = text[1..];
        }

        if (text.IsEmpty)
        {
            throw Invalid(original, "has an exponent marker without exponent digits");
        }

        long value = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                throw Invalid(original, $"has an unexpected character '{c}' in its exponent");
            }

            value = Math.Min((value * 10) + (c - '0'), ExponentSaturation);
        }

        return negative ? -value : value;
    }

    private static FormatException Invalid(ReadOnlySpan<char> text, string problem)
    {
        var shown = text.Length > 60 ? string.Concat(text[..60], "…") : text.ToString();
        return new FormatException($"\"{shown}\" is not a valid decimal128 value: it {problem}.");
    }
}
