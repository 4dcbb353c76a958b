using System.Globalization;
using System.Text;
using Cdc.Schemas.ExtendedJson;

namespace Cdc.Schemas.Tests.ExtendedJson;

public sealed class IsoDateFormattingTests
{
    private const int LastDay = 2_932_896; // 9999-12-31, counted from 1970-01-01

    [Fact]
    public void Every_day_from_1970_to_9999_matches_the_runtime_calendar()
    {
        var epoch = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
        for (uint days = 0; days <= LastDay; days++)
        {
            IsoDateFormatting.CivilFromDays(days, out var year, out var month, out var day);
            var expected = DateOnly.FromDayNumber(epoch + (int)days);
            if (year != expected.Year || month != expected.Month || day != expected.Day)
            {
                Assert.Fail($"day {days}: got {year}-{month}-{day}, expected {expected:yyyy-MM-dd}");
            }
        }
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(86_399_999L)]
    [InlineData(951_782_400_000L)] // 2000-02-29T00:00:00Z
    [InlineData(4_107_542_399_999L)] // 2100-02-28T23:59:59.999Z, a century year that is not a leap year
    [InlineData(1_710_268_868_123L)]
    [InlineData(253_402_300_799_999L)]
    public void Text_matches_the_runtime_round_trip_format(long milliseconds)
    {
        var text = new byte[IsoDateFormatting.Length];

        var length = IsoDateFormatting.Write(text, milliseconds);

        Assert.Equal(Expected(milliseconds), Encoding.ASCII.GetString(text, 0, length));
    }

    [Fact]
    public void Every_millisecond_field_is_written_with_its_leading_zeros()
    {
        var random = new Random(7);
        var text = new byte[IsoDateFormatting.Length];
        for (var i = 0; i < 20_000; i++)
        {
            var milliseconds = random.NextInt64(0, 253_402_300_800_000);
            var length = IsoDateFormatting.Write(text, milliseconds);
            Assert.Equal(Expected(milliseconds), Encoding.ASCII.GetString(text, 0, length));
        }
    }

    [Theory]
    [InlineData(0L, "1970-01-01T00:00:00Z")]
    [InlineData(1_710_268_868_000L, "2024-03-12T18:41:08Z")]
    [InlineData(1_710_268_868_100L, "2024-03-12T18:41:08.100Z")]
    [InlineData(1_710_268_868_010L, "2024-03-12T18:41:08.010Z")]
    public void A_whole_second_has_no_fraction_and_any_other_has_three_digits(long milliseconds, string expected)
    {
        var text = new byte[IsoDateFormatting.Length];

        var length = IsoDateFormatting.Write(text, milliseconds);

        Assert.Equal(expected, Encoding.ASCII.GetString(text, 0, length));
    }

    /// <summary>The Extended JSON specification's form: three fraction digits, none for a whole second.</summary>
    private static string Expected(long milliseconds)
    {
        var instant = DateTime.UnixEpoch.AddMilliseconds(milliseconds);
        return instant.ToString(instant.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }
}
