using System.Buffers;
using Cdc.Schemas.Bson;
using Cdc.Schemas.ExtendedJson;

namespace Cdc.Connector.Checkpoint;

/// <summary>
/// A BSON document to store in a JSON checkpoint (the resume token, a snapshot's last <c>_id</c>) as canonical Extended
/// JSON, checked to parse back to the same bytes: a document that would not (a value the format cannot carry exactly)
/// fails the save here rather than the next start.
/// </summary>
internal static class ExactExtendedJson
{
    /// <param name="document">The BSON document.</param>
    /// <param name="what">What the document is, to begin the error messages: "The resume token to save".</param>
    public static byte[] Write(byte[] document, string what)
    {
        var output = new ArrayBufferWriter<byte>(document.Length * 2);
        try
        {
            ExtendedJsonWriter.WriteDocument(document, output, ExtendedJsonMode.Canonical);
        }
        catch (BsonFormatException ex)
        {
            throw new CheckpointStoreException($"{what} is not a valid BSON document: {ex.Message}", ex);
        }

        var json = output.WrittenSpan.ToArray();
        if (!RoundTrips(json, document))
        {
            throw new CheckpointStoreException($"{what} does not survive Extended JSON exactly, so it cannot be stored as JSON: use the mongodb checkpoint store, which keeps it as BSON.");
        }

        return json;
    }

    private static bool RoundTrips(byte[] json, byte[] document)
    {
        try
        {
            return ExtendedJsonParser.ParseDocument(json).AsSpan().SequenceEqual(document);
        }
        catch (ExtendedJsonException)
        {
            return false;
        }
    }
}
