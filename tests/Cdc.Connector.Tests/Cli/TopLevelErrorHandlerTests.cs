using Cdc.Cli;
using Cdc.Connector.Configuration;

namespace Cdc.Connector.Tests.Cli;

public sealed class TopLevelErrorHandlerTests
{
    [Fact]
    public void A_successful_command_keeps_its_exit_code_and_writes_nothing()
    {
        using var stderr = new StringWriter();

        Assert.Equal(3, TopLevelErrorHandler.Invoke(() => 3, stderr, showStackTraces: false));
        Assert.Empty(stderr.ToString());
    }

    [Fact]
    public void An_unexpected_exception_becomes_one_clear_line_and_exit_1()
    {
        using var stderr = new StringWriter();

        var exitCode = TopLevelErrorHandler.Invoke(() => throw new InvalidOperationException("the cursor\nwas closed"), stderr, showStackTraces: false);

        Assert.Equal(1, exitCode);
        Assert.Equal(
            $"cdc: unexpected error (InvalidOperationException): the cursor was closed{Environment.NewLine}cdc: set CDC_DEBUG=1 to see the stack trace.{Environment.NewLine}",
            stderr.ToString());
    }

    [Fact]
    public void With_debugging_on_the_stack_trace_is_shown()
    {
        using var stderr = new StringWriter();

        var exitCode = TopLevelErrorHandler.Invoke(() => throw new InvalidOperationException("boom"), stderr, showStackTraces: true);

        Assert.Equal(1, exitCode);
        Assert.Contains("System.InvalidOperationException: boom", stderr.ToString());
        Assert.Contains(" at ", stderr.ToString());
        Assert.DoesNotContain("CDC_DEBUG", stderr.ToString());
    }

    [Fact]
    public void Configuration_problems_are_printed_one_per_line_without_a_type_name()
    {
        using var stderr = new StringWriter();

        var exitCode = TopLevelErrorHandler.Invoke(
            () => throw new ConfigurationException(["'mapping.json' must be one of relaxed, canonical; got \"x\".", "'http.port' must be an integer between 0 and 65535; got \"y\"."]),
            stderr,
            showStackTraces: false);

        Assert.Equal(1, exitCode);
        Assert.Equal(
            $"cdc: 'mapping.json' must be one of relaxed, canonical; got \"x\".{Environment.NewLine}cdc: 'http.port' must be an integer between 0 and 65535; got \"y\".{Environment.NewLine}",
            stderr.ToString());
    }

    [Fact]
    public void Real_configuration_errors_reach_the_user_through_the_handler()
    {
        using var stderr = new StringWriter();

        var exitCode = TopLevelErrorHandler.Invoke(
            () =>
            {
                ConfigurationLoader.Load(null, ["mapping.jsn=canonical"], new Dictionary<string, string>());
                return 0;
            },
            stderr,
            showStackTraces: false);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("cdc: Unknown configuration key 'mapping.jsn' (in --set mapping.jsn).", stderr.ToString());
    }
}
