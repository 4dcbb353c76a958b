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
        var options = new JsonReaderOptions { MaxDepth = MaxJsonDepth };
        JsonDocument document;
        try
        {
            // This first pass reads to the end, so it also rejects anything after the top-level value.
            CheckStrings(utf8Json, options);
            var reader = new Utf8JsonReader(utf8Json, options);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException error)
        {
            throw new ExtendedJsonException($"Not valid JSON (line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1}): {WithoutPosition(error.Message)}", error);
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

    /// <summary>Strings that do not decode would otherwise surface later as an InvalidOperationException without a position.</summary>
    private static void CheckStrings(ReadOnlySpan<byte> utf8Json, JsonReaderOptions options)
    {
        if (JsonStringCheck.TryFindUndecodable(utf8Json, options, out var tokenStart, out var isPropertyName))
        {
            var what = isPropertyName ? "key" : "string";
            throw new ExtendedJsonException($"Extended JSON has a {what} at byte {tokenStart} that is not valid UTF-8 or holds an unpaired \\u surrogate escape.");
        }
    }

    public static byte[] ParseDocument(string json) => ParseDocument(Encoding.UTF8.GetBytes(json));

    // System.Text.Json appends its own zero-based " LineNumber: … | BytePositionInLine: …." to the message; the one-based
    // position is already in ours.
    private static string? WithoutPosition(string? message)
    {
        var cut = message?.IndexOf(" LineNumber:", StringComparison.Ordinal) ?? -1;
        return cut < 0 ? message : message![..cut];
    }
}
