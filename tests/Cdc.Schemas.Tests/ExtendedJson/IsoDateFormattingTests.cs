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
    [InlineData(951_782_400_000L)] // 2000-02-29T00:00:00.000Z
    [InlineData(4_107_542_399_999L)] // 2100-02-28T23:59:59.999Z, a century year that is not a leap year
    [InlineData(1_710_268_868_123L)]
    [InlineData(253_402_300_799_999L)]
    public void Text_matches_the_runtime_round_trip_format(long milliseconds)
    {
        var expected = DateTime.UnixEpoch.AddMilliseconds(milliseconds).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var text = new byte[IsoDateFormatting.Length];

        IsoDateFormatting.Write(text, milliseconds);

        Assert.Equal(expected, Encoding.ASCII.GetString(text));
    }

    [Fact]
    public void Every_millisecond_field_is_written_with_its_leading_zeros()
    {
        var random = new Random(7);
        var text = new byte[IsoDateFormatting.Length];
        for (var i = 0; i < 20_000; i++)
        {
            var milliseconds = random.NextInt64(0, 253_402_300_800_000);
            IsoDateFormatting.Write(text, milliseconds);
            var expected = DateTime.UnixEpoch.AddMilliseconds(milliseconds).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            Assert.Equal(expected, Encoding.ASCII.GetString(text));
        }
    }
}
