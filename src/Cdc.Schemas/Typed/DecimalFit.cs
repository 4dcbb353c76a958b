using System.Buffers;
using Cdc.Schemas.Avro;
using Cdc.Schemas.Bson;

namespace Cdc.Schemas.Typed;

/// <summary>
/// A decimal128 into a declared Avro <c>decimal(p,s)</c> (bytes): the unscaled value (value × 10^s) as big-endian
/// two's complement in the fewest bytes, written only when it is exact: finite, no digit lost to the scale, at most p
/// digits. Never rounds, as the lossless rule asks. Allocates nothing.
/// </summary>
internal static class DecimalFit
{
    private const int ExponentBias = 6176;
    private const int MaxPowerOfTen = 38;
    private const int Int128Bytes = 16;

    private static readonly UInt128 MaxCoefficient = (UInt128.One * 10_000_000_000_000_000UL * 10_000_000_000_000_000UL) - 1;

    public static bool TryWrite(IBufferWriter<byte> output, Decimal128 value, int precision, int scale)
    {
        if (!TryUnscaled(value, precision, scale, out var negative, out var unscaled))
        {
            return false;
        }

        Span<byte> bigEndian = stackalloc byte[Int128Bytes];
        var twos = negative ? ~unscaled + UInt128.One : unscaled;
        for (var i = Int128Bytes - 1; i >= 0; i--)
        {
            bigEndian[i] = (byte)twos;
            twos >>= 8;
        }

        // Fewest bytes that keep the sign: drop a leading 0x00 (0xFF) while the next byte's top bit is 0 (1).
        var start = 0;
        var filler = negative ? (byte)0xFF : (byte)0x00;
        while (start < Int128Bytes - 1 && bigEndian[start] == filler && (bigEndian[start + 1] & 0x80) == (filler & 0x80))
        {
            start++;
        }

        AvroBinary.WriteBytes(output, bigEndian[start..]);
        return true;
    }

    /// <summary>The unscaled magnitude and sign when the value fits decimal(p,s) exactly.</summary>
    public static bool TryUnscaled(Decimal128 value, int precision, int scale, out bool negative, out UInt128 unscaled)
    {
        unscaled = UInt128.Zero;
        negative = false;
        var high = value.High;
        var combination = (uint)(high >> 58) & 0x1F;
        if (combination >= 0x1E)
        {
            // 0x1E infinity, 0x1F NaN: no decimal(p,s) holds them.
            return false;
        }

        int exponent;
        UInt128 coefficient;
        if ((combination >> 3) == 0b11)
        {
            // The "11" form implies a coefficient above 10^34 - 1: a non-canonical zero, as the BSON specification says.
            exponent = (int)((high >> 47) & 0x3FFF) - ExponentBias;
            coefficient = UInt128.Zero;
        }
        else
        {
            exponent = (int)((high >> 49) & 0x3FFF) - ExponentBias;
            coefficient = new UInt128(high & 0x1_FFFF_FFFF_FFFF, value.Low);
            if (coefficient > MaxCoefficient)
            {
                coefficient = UInt128.Zero;
            }
        }

        if (coefficient == UInt128.Zero)
        {
            // Zero fits any decimal, whatever its exponent; -0 becomes 0, which Avro's decimal cannot tell apart.
            return true;
        }

        var shift = exponent + scale;
        if (shift >= 0)
        {
            if (Digits(coefficient) + shift > precision)
            {
                return false;
            }

            unscaled = coefficient * PowerOfTen(shift);
        }
        else
        {
            if (-shift > MaxPowerOfTen)
            {
                return false;
            }

            var divisor = PowerOfTen(-shift);
            if (coefficient % divisor != UInt128.Zero)
            {
                return false;
            }

            unscaled = coefficient / divisor;
            if (Digits(unscaled) > precision)
            {
                return false;
            }
        }

        negative = value.IsNegative;
        return true;
    }

    private static int Digits(UInt128 value)
    {
        var digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }

        return digits;
    }

    private static UInt128 PowerOfTen(int exponent)
    {
        var result = UInt128.One;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
