using Cdc.Cli;

namespace Cdc.Connector.Tests.Demo;

public sealed class DemoArgumentsTests
{
    [Fact]
    public void No_arguments_run_until_stopped_at_the_default_rate_with_the_live_view()
    {
        var arguments = DemoArguments.Parse([], out var error);

        Assert.Null(error);
        Assert.NotNull(arguments);
        Assert.Null(arguments.Duration);
        Assert.Equal(200, arguments.Rate);
        Assert.False(arguments.Json);
        Assert.False(arguments.Keep);
        Assert.False(arguments.Help);
    }

    [Theory]
    [InlineData(new[] { "--duration", "15", "--json" }, 15, 200, true)]
    [InlineData(new[] { "--json", "--duration=3", "--rate=50" }, 3, 50, true)]
    [InlineData(new[] { "--rate", "5000" }, null, 5000, false)]
    public void Duration_rate_and_json_are_read_in_either_spelling(string[] args, int? seconds, int rate, bool json)
    {
        var arguments = DemoArguments.Parse(args, out var error);

        Assert.Null(error);
        Assert.NotNull(arguments);
        Assert.Equal(seconds is null ? null : TimeSpan.FromSeconds(seconds.Value), arguments.Duration);
        Assert.Equal(rate, arguments.Rate);
        Assert.Equal(json, arguments.Json);
    }

    [Fact]
    public void Typed_is_a_flag_and_off_by_default()
    {
        var typed = DemoArguments.Parse(["--typed", "--json"], out var error);
        var plain = DemoArguments.Parse(["--json"], out _);

        Assert.Null(error);
        Assert.True(typed!.Typed);
        Assert.True(typed.Json);
        Assert.False(plain!.Typed);
        Assert.Null(DemoArguments.Parse(["--typed=yes"], out var inline));
        Assert.Equal("unknown option '--typed=yes'.", inline);
    }

    [Fact]
    public void Keep_is_a_flag_beside_the_others()
    {
        var arguments = DemoArguments.Parse(["--duration", "15", "--keep", "--json"], out var error);

        Assert.Null(error);
        Assert.True(arguments!.Keep);
        Assert.True(arguments.Json);
        Assert.Equal(TimeSpan.FromSeconds(15), arguments.Duration);
    }

    [Theory]
    [InlineData(new[] { "--duration" }, "--duration needs a value.")]
    [InlineData(new[] { "--duration", "0" }, "--duration must be a whole number from 1 to 604800, not '0'.")]
    [InlineData(new[] { "--duration", "1.5" }, "--duration must be a whole number from 1 to 604800, not '1.5'.")]
    [InlineData(new[] { "--duration=-4" }, "--duration must be a whole number from 1 to 604800, not '-4'.")]
    [InlineData(new[] { "--rate", "5001" }, "--rate must be a whole number from 1 to 5000, not '5001'.")]
    [InlineData(new[] { "--rate", "fast" }, "--rate must be a whole number from 1 to 5000, not 'fast'.")]
    [InlineData(new[] { "--json=yes" }, "unknown option '--json=yes'.")]
    [InlineData(new[] { "--keep=1" }, "unknown option '--keep=1'.")]
    [InlineData(new[] { "--verbose" }, "unknown option '--verbose'.")]
    [InlineData(new[] { "shop" }, "unexpected argument 'shop'.")]
    public void Bad_arguments_are_named(string[] args, string expected)
    {
        Assert.Null(DemoArguments.Parse(args, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_wins_over_everything_else(string flag)
    {
        var arguments = DemoArguments.Parse(["--rate", "9", flag, "--bogus"], out var error);

        Assert.Null(error);
        Assert.True(arguments!.Help);
    }
}
