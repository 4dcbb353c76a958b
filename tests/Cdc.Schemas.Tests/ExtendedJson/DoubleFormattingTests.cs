using System.Globalization;
using System.Text.Json;
using Cdc.Schemas.Bson;
using Cdc.Schemas.ExtendedJson;

namespace Cdc.Schemas.Tests.ExtendedJson;

/// <summary>
/// The relaxed double text must read back as the identical double, and match .NET's shortest round-trip text
/// (with ".0"/exponent normalisation), whichever internal path produced it.
/// </summary>
public sealed class DoubleFormattingTests
{
    [Fact]
    public void Short_decimals_match_the_shortest_round_trip_text()
    {
        var random = new Random(20261121);
        for (var i = 0; i < 100_000; i++)
        {
            var digits = random.Next(0, 9);
            var value = Math.Round((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 12)), digits);
            AssertFormatsLikeShortestRoundTrip(value);
        }
    }

    [Fact]
    public void Arbitrary_doubles_round_trip_exactly()
    {
        var random = new Random(7);
        Span<byte> bits = stackalloc byte[8];
        for (var i = 0; i < 50_000; i++)
        {
            random.NextBytes(bits);
            if (i % 2 == 0)
            {
                // Keep half the samples in the everyday magnitude range, where the fast path applies.
                bits[7] = (byte)((bits[7] & 0x80) | 0x40);
            }

            var value = BitConverter.ToDouble(bits);
            if (double.IsFinite(value))
            {
                AssertFormatsLikeShortestRoundTrip(value);
            }
        }
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.3)]
    [InlineData(-9.99)]
    [InlineData(0.0001)]
    [InlineData(0.00012345)]
    [InlineData(1e-5)]
    [InlineData(123456.789)]
    [InlineData(99999999.99999999)]
    [InlineData(4503599627370495.5)]
    public void Edge_values_format_like_the_shortest_round_trip_text(double value)
    {
        AssertFormatsLikeShortestRoundTrip(value);
    }

    private static void AssertFormatsLikeShortestRoundTrip(double value)
    {
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        writer.WriteDouble("d", value);
        writer.WriteEndDocument();
        var json = ExtendedJsonWriter.ToJson(writer.WrittenSpan, ExtendedJsonMode.Relaxed);

        using var parsed = JsonDocument.Parse(json);
        var text = parsed.RootElement.GetProperty("d").GetRawText();
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)));
        Assert.Equal(Normalise(value.ToString("R", CultureInfo.InvariantCulture)), text);
    }

    /// <summary>.NET's text with the writer's conventions: a ".0" on bare integers, no leading exponent zeros.</summary>
    private static string Normalise(string text)
    {
        var exponentAt = text.IndexOf('E', StringComparison.Ordinal);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        if (!mantissa.Contains('.', StringComparison.Ordinal))
        {
            mantissa += ".0";
        }

        if (exponentAt < 0)
        {
            return mantissa;
        }

        var exponent = text[(exponentAt + 1)..];
        var sign = exponent[0] is '+' or '-' ? exponent[..1] : string.Empty;
        var digits = exponent[sign.Length..].TrimStart('0');
        return $"{mantissa}E{sign}{(digits.Length == 0 ? "0" : digits)}";
    }
}
