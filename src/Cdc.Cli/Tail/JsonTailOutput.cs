using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cdc.Cli.Tail;

/// <summary>
/// `cdc tail --json`: one JSON object a line, {"topic","partition","offset","timestamp","key","value"} with key and value
/// the decoded Avro as JSON, or {"topic","partition","offset","timestamp","error"} for a record that does not decode.
/// </summary>
internal sealed class JsonTailOutput : ITailOutput
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false, SkipValidation = true };

    private readonly TextWriter _stdout;
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    public JsonTailOutput(TextWriter stdout) => _stdout = stdout;

    public void Write(TailedRecord record)
    {
        _buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(_buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("topic", record.Topic);
            json.WriteNumber("partition", record.Partition);
            json.WriteNumber("offset", record.Offset);
            json.WriteString("timestamp", record.TimestampText);
            if (record.Error is { } error)
            {
                json.WriteString("error", error);
            }
            else
            {
                WriteRaw(json, "key", record.KeyJson);
                WriteRaw(json, "value", record.ValueJson);
            }

            json.WriteEndObject();
        }

        _stdout.WriteLine(Encoding.UTF8.GetString(_buffer.WrittenSpan));
    }

    private static void WriteRaw(Utf8JsonWriter json, string name, string? value)
    {
        json.WritePropertyName(name);
        if (value is null)
        {
            json.WriteNullValue();
        }
        else
        {
            // The decoder's own JSON output, written as it is.
            json.WriteRawValue(value, skipInputValidation: true);
        }
    }
}
