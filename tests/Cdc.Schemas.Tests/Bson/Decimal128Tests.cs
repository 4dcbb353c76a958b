using Cdc.Schemas.Bson;

namespace Cdc.Schemas.Tests.Bson;

public sealed class Decimal128Tests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("-0.000001", "-0.000001")]
    [InlineData("0.0000001", "1E-7")]
    [InlineData("123.4500", "123.4500")]
    [InlineData("1E+3", "1E+3")]
    [InlineData("9999999999999999999999999999999999E+6111", "9.999999999999999999999999999999999E+6144")]
    [InlineData("-Infinity", "-Infinity")]
    [InlineData("nan", "NaN")]
    public void Round_trips_through_the_string_form(string text, string expected)
    {
        Assert.Equal(expected, Decimal128.Parse(text).ToString());
    }

    [Fact]
    public void Parse_builds_the_bid_encoding()
    {
        // 1 with exponent 0: biased exponent 6176 = 0x1820, shifted left by 49 bits.
        Assert.Equal(new Decimal128(1, 0x3040_0000_0000_0000), Decimal128.Parse("1"));
    }

    [Theory]
    [InlineData("1.2.3", "more than one decimal point")]
    [InlineData("1e", "exponent marker without exponent digits")]
    [InlineData("12345678901234567890123456789012345", "more than 34 significant digits")]
    [InlineData("1E+7000", "overflows")]
    [InlineData("1E-7000", "underflows")]
    [InlineData("abc", "has no digits")]
    public void Parse_rejects_with_the_reason(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => Decimal128.Parse(text));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryFormat_refuses_a_short_buffer()
    {
        Span<byte> small = stackalloc byte[8];

        Assert.False(Decimal128.Parse("1").TryFormat(small, out _));
    }
}
