using Cdc.Cli;

namespace Cdc.Connector.Tests.Check;

public sealed class CheckArgumentsTests
{
    [Fact]
    public void Config_sets_json_and_timeout_are_read_in_both_spellings()
    {
        var parsed = CheckArguments.Parse(["--config", "a.json", "--set", "x=1", "--set=y=2", "--json", "--timeout=3"], out var error);

        Assert.Null(error);
        Assert.NotNull(parsed);
        Assert.Equal("a.json", parsed.ConfigPath);
        Assert.Equal(["x=1", "y=2"], parsed.SetArguments);
        Assert.True(parsed.Json);
        Assert.Equal(TimeSpan.FromSeconds(3), parsed.Timeout);
    }

    [Theory]
    [InlineData("--timeout", "0", "--timeout must be a whole number of seconds from 1 to 300, not '0'.")]
    [InlineData("--timeout", "ten", "--timeout must be a whole number of seconds from 1 to 300, not 'ten'.")]
    [InlineData("--frobnicate", null, "unknown option '--frobnicate'.")]
    [InlineData("stray", null, "unexpected argument 'stray'.")]
    [InlineData("--config", null, "--config needs a value.")]
    public void Wrong_arguments_are_named(string first, string? second, string expected)
    {
        var args = second is null ? new[] { first } : [first, second];

        Assert.Null(CheckArguments.Parse(args, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Help_wins()
    {
        Assert.True(CheckArguments.Parse(["--config", "a.json", "--help"], out _)!.Help);
    }
}
