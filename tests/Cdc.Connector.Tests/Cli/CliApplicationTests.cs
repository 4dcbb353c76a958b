using Cdc.Cli;
using Cdc.Cli.Runtime;

namespace Cdc.Connector.Tests.Cli;

public sealed class CliApplicationTests
{
    [Fact]
    public void No_arguments_print_the_usage_on_stderr_and_exit_2()
    {
        var result = CliRun.Invoke();

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.StartsWith("Usage: cdc VERB", result.Stderr);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_prints_the_usage_on_stdout_and_exits_0(string verb)
    {
        var result = CliRun.Invoke(verb);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        Assert.StartsWith("Usage: cdc VERB", result.Stdout);
        foreach (var listed in new[] { "inspect", "run", "check", "snapshot", "tail", "sandbox", "demo", "--version" })
        {
            Assert.Contains($"  {listed} ", result.Stdout);
        }
    }

    [Fact]
    public void Version_prints_one_line_with_the_product_version()
    {
        var result = CliRun.Invoke("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"cdc {ProductVersion.Value}{Environment.NewLine}", result.Stdout);
        Assert.Matches(@"^\d+\.\d+\.\d+", ProductVersion.Value);
        Assert.DoesNotContain("+", ProductVersion.Value);
    }

    [Fact]
    public void An_unknown_verb_is_named_and_followed_by_the_usage_with_exit_2()
    {
        var result = CliRun.Invoke("frobnicate", "--now");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.StartsWith($"cdc: unknown verb 'frobnicate'.{Environment.NewLine}Usage: cdc VERB", result.Stderr);
    }

    [Fact]
    public void Check_is_a_real_verb_whose_help_names_its_options()
    {
        var result = CliRun.Invoke("check", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(CheckArguments.Usage, result.Stdout);
        Assert.Empty(result.Stderr);
    }
}
