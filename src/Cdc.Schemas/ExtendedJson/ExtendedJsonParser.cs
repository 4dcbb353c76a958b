using System.Text;
using System.Text.Json;
using Cdc.Schemas.Bson;

namespace Cdc.Schemas.ExtendedJson;

/// <summary>
/// Parses MongoDB Extended JSON v2 (canonical or relaxed, and the legacy forms the BSON corpus accepts)
/// into BSON document bytes. Invalid input throws <see cref="ExtendedJsonException"/> naming the JSON path or,
/// for malformed JSON, the line and byte position.
/// </summary>
internal static class ExtendedJsonParser
{
    // Type wrappers add a JSON level or two per BSON level ({"$code": …, "$scope": {…}}), so the JSON bound is looser
    // than the BSON one; the converter enforces BsonLimits.MaxNestingDepth on documents itself.
    private const int MaxJsonDepth = (BsonLimits.MaxNestingDepth * 2) + 8;

    public static byte[] ParseDocument(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxJsonDepth });
        JsonDocument document;
        try
        {
            document = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                throw new ExtendedJsonException($"Extended JSON has unexpected content after the top-level value at byte {reader.TokenStartIndex}.");
            }
        }
        catch (JsonException error)
        {
            throw new ExtendedJsonException($"Not valid JSON (line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1}): {error.Message}", error);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ExtendedJsonException($"Extended JSON must be an object at the top level, not {document.RootElement.ValueKind}.");
            }

            var writer = new BsonWriter();
            new ExtendedJsonToBson(writer).WriteTopLevel(document.RootElement);
            return writer.ToArray();
        }
    }

    public static byte[] ParseDocument(string json) => ParseDocument(Encoding.UTF8.GetBytes(json));
}
