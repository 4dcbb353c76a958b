using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Cdc.Sandbox.Host;

/// <summary>Where a running sandbox listens: what `cdc sandbox` prints as its ready line.</summary>
internal sealed record SandboxEndpoints(string MongoDb, string Kafka, string SchemaRegistry, string Control)
{
    /// <summary>With `--tls`: the PEM file of the CA that signed every TLS endpoint's certificate.</summary>
    public string? CaFile { get; init; }

    /// <summary>With `--auth`: "user:password" for the registry's basic auth.</summary>
    public string? SchemaRegistryBasicAuth { get; init; }

    /// <summary>With `--auth`: the emulator's URI with an admin (root) user, for workloads and setup; `mongodb` has the connector's least-privilege user.</summary>
    public string? MongoDbAdmin { get; init; }

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
            // Only when asked for, so that a sandbox started without the flags prints exactly the line it always did.
            if (CaFile is not null)
            {
                json.WriteString("caFile", CaFile);
            }

            if (SchemaRegistryBasicAuth is not null)
            {
                json.WriteString("schemaRegistryBasicAuth", SchemaRegistryBasicAuth);
            }

            if (MongoDbAdmin is not null)
            {
                json.WriteString("mongodbAdmin", MongoDbAdmin);
            }
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
