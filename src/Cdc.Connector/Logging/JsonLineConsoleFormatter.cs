using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Cdc.Connector.Logging;

/// <summary>
/// logging.format=json: one JSON object per line for log shippers. The framework's "json" formatter has the same
/// shape but no event name, which is what a [LoggerMessage] event is searched by; this one writes Timestamp (UTC,
/// ISO 8601), EventId, EventName, LogLevel, Category, Message, Exception and State (the structured values, typed).
/// </summary>
internal sealed class JsonLineConsoleFormatter : ConsoleFormatter
{
    public const string FormatterName = "cdc-json";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,

        // Log lines are read by people and shippers, never embedded in HTML: keep '+', '<', 'é' readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly TimeProvider _clock;

    public JsonLineConsoleFormatter()
        : this(TimeProvider.System)
    {
    }

    internal JsonLineConsoleFormatter(TimeProvider clock)
        : base(FormatterName)
    {
        _clock = clock;
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("Timestamp", _clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteNumber("EventId", logEntry.EventId.Id);
            if (logEntry.EventId.Name is { } name)
            {
                json.WriteString("EventName", name);
            }

            json.WriteString("LogLevel", logEntry.LogLevel.ToString());
            json.WriteString("Category", logEntry.Category);
            json.WriteString("Message", message);
            if (logEntry.Exception is { } exception)
            {
                json.WriteString("Exception", exception.ToString());
            }

            if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> state)
            {
                json.WriteStartObject("State");
                foreach (var (key, value) in state)
                {
                    json.WritePropertyName(key);
                    WriteValue(json, value);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        textWriter.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        textWriter.Write('\n');
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string text:
                json.WriteStringValue(text);
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case int or long or short or sbyte or byte or ushort or uint:
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong number:
                json.WriteNumberValue(number);
                break;
            case double number when double.IsFinite(number):
                json.WriteNumberValue(number);
                break;
            case float number when float.IsFinite(number):
                json.WriteNumberValue(number);
                break;
            case decimal number:
                json.WriteNumberValue(number);
                break;
            case DateTime time:
                json.WriteStringValue(time);
                break;
            case DateTimeOffset time:
                json.WriteStringValue(time);
                break;
            default:
                json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
