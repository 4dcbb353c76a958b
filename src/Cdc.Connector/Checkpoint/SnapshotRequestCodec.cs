using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Cdc.Connector.Source;

namespace Cdc.Connector.Checkpoint;

/// <summary>
/// A snapshot request as the stores keep it beside the checkpoint:
/// <c>{"version":1,"pipeline":"orders","requestId":"…","collections":["shop.orders"],"requestedAt":"2026-…Z","requestedBy":"host pid 42"}</c>.
/// Decoding is strict: a request that does not read back exactly is refused naming where it came from.
/// </summary>
internal static class SnapshotRequestCodec
{
    public const int Version = 1;

    public static byte[] Encode(string pipeline, SnapshotRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var output = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteNumber("version", Version);
            json.WriteString("pipeline", pipeline);
            json.WriteString("requestId", request.Id);
            json.WriteStartArray("collections");
            foreach (var collection in request.Collections)
            {
                json.WriteStringValue(collection.ToString());
            }

            json.WriteEndArray();
            json.WriteString("requestedAt", request.RequestedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("requestedBy", request.RequestedBy);
            json.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>Reads a request for <paramref name="pipeline"/>; anything else throws <see cref="CheckpointStoreException"/> naming <paramref name="where"/>.</summary>
    public static SnapshotRequest Decode(ReadOnlySpan<byte> utf8Json, string pipeline, string where)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("version", out var version) || !version.TryGetInt32(out var number) || number != Version
                || !root.TryGetProperty("pipeline", out var name) || name.GetString() != pipeline
                || !root.TryGetProperty("requestId", out var id) || string.IsNullOrEmpty(id.GetString())
                || !root.TryGetProperty("collections", out var collections) || collections.ValueKind != JsonValueKind.Array || collections.GetArrayLength() == 0
                || !root.TryGetProperty("requestedAt", out var at) || !DateTimeOffset.TryParseExact(at.GetString(), "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var requestedAt)
                || !root.TryGetProperty("requestedBy", out var by) || by.ValueKind != JsonValueKind.String)
            {
                throw Invalid(where, $"it is not a version {Version} snapshot request of pipeline '{pipeline}' with requestId, collections, requestedAt and requestedBy");
            }

            var names = new List<SnapshotNamespace>();
            foreach (var collection in collections.EnumerateArray())
            {
                var text = collection.ValueKind == JsonValueKind.String ? collection.GetString()! : string.Empty;
                var dot = text.IndexOf('.', StringComparison.Ordinal);
                if (dot <= 0 || dot == text.Length - 1)
                {
                    throw Invalid(where, $"'collections' holds '{collection.GetRawText()}', not <database>.<collection>");
                }

                names.Add(new SnapshotNamespace(text[..dot], text[(dot + 1)..]));
            }

            return new SnapshotRequest(id.GetString()!, names, requestedAt, by.GetString()!);
        }
        catch (JsonException ex)
        {
            throw Invalid(where, $"it is not valid JSON ({ex.Message})");
        }
        catch (InvalidOperationException ex)
        {
            throw Invalid(where, $"a property has the wrong type ({ex.Message})");
        }
    }

    private static CheckpointStoreException Invalid(string where, string problem) =>
        new($"The snapshot request in {where} is not usable: {problem}. Remove it and send it again with `cdc snapshot`.");
}
