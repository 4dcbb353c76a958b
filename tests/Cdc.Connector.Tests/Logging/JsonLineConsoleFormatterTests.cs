using System.Text.Json;
using Cdc.Connector.Logging;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Tests.Logging;

public sealed class JsonLineConsoleFormatterTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 5, 6, 7, 89, TimeSpan.FromHours(2));

    [Fact]
    public void An_event_is_one_line_of_json_with_time_event_level_category_message_and_typed_state()
    {
        var lines = Capture(logger => TestLog.Committed(logger, 42, "8264…01", 1.5, exact: true));

        var line = Assert.Single(lines);
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal("2026-03-04T03:06:07.089Z", root.GetProperty("Timestamp").GetString());
        Assert.Equal(901, root.GetProperty("EventId").GetInt32());
        Assert.Equal("Committed", root.GetProperty("EventName").GetString());
        Assert.Equal("Information", root.GetProperty("LogLevel").GetString());
        Assert.Equal("Cdc.Test.Category", root.GetProperty("Category").GetString());
        Assert.Equal("Committed 42 events at 8264…01 after 1.5 s (exact: True)", root.GetProperty("Message").GetString());
        Assert.False(root.TryGetProperty("Exception", out _));
        var state = root.GetProperty("State");
        Assert.Equal(JsonValueKind.Number, state.GetProperty("Count").ValueKind);
        Assert.Equal(42, state.GetProperty("Count").GetInt32());
        Assert.Equal("8264…01", state.GetProperty("Position").GetString());
        Assert.Equal(1.5, state.GetProperty("Seconds").GetDouble());
        Assert.True(state.GetProperty("Exact").GetBoolean());
        Assert.Equal("Committed {Count} events at {Position} after {Seconds} s (exact: {Exact})", state.GetProperty("{OriginalFormat}").GetString());
    }

    [Fact]
    public void An_exception_with_a_multi_line_stack_stays_on_one_line()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException("broker said \"no\"\nsecond line");
        }
        catch (InvalidOperationException ex)
        {
            thrown = ex;
        }

        var lines = Capture(logger => TestLog.Failed(logger, thrown, "Kafka down"));

        var line = Assert.Single(lines);
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal("Error", root.GetProperty("LogLevel").GetString());
        Assert.Equal("Cycle failed: Kafka down", root.GetProperty("Message").GetString());
        var exception = root.GetProperty("Exception").GetString()!;
        Assert.StartsWith("System.InvalidOperationException: broker said \"no\"\nsecond line", exception, StringComparison.Ordinal);
        Assert.Contains(nameof(An_exception_with_a_multi_line_stack_stays_on_one_line), exception, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_ILogger_call_without_an_event_name_has_no_EventName()
    {
        IReadOnlyList<KeyValuePair<string, object?>> state = [new("LagSeconds", 12.25), new("Topic", null)];
        var lines = Capture(logger => logger.Log(LogLevel.Warning, new EventId(7), state, null, (_, _) => "Lag is 12.25 s"));

        using var json = JsonDocument.Parse(Assert.Single(lines));
        var root = json.RootElement;
        Assert.Equal(7, root.GetProperty("EventId").GetInt32());
        Assert.False(root.TryGetProperty("EventName", out _));
        Assert.Equal("Warning", root.GetProperty("LogLevel").GetString());
        Assert.Equal(12.25, root.GetProperty("State").GetProperty("LagSeconds").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("State").GetProperty("Topic").ValueKind);
    }

    private static string[] Capture(Action<ILogger> log)
    {
        using var writer = new StringWriter();
        var formatter = new JsonLineConsoleFormatter(new FixedClock(Now));
        using (var factory = LoggerFactory.Create(logging => logging.AddProvider(new FormatterLoggerProvider(formatter, writer))))
        {
            log(factory.CreateLogger("Cdc.Test.Category"));
        }

        var text = writer.ToString();
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
