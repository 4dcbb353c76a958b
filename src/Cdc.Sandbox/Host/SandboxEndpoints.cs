using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Cdc.Sandbox.Host;

/// <summary>Where a running sandbox listens: what `cdc sandbox` prints as its ready line.</summary>
internal sealed record SandboxEndpoints(string MongoDb, string Kafka, string SchemaRegistry, string Control)
{
    /// <summary>One compact JSON object, no newline: the contract of `cdc sandbox`'s ready line (docs/sandbox-host.md).</summary>
    public string ToReadyLine()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("mongodb", MongoDb);
            json.WriteString("kafka", Kafka);
            json.WriteString("schemaRegistry", SchemaRegistry);
            json.WriteString("control", Control);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
