using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cdc.Schemas.Mapping;

/// <summary>
/// The text that stands in an envelope field for a document body left out of an oversized record:
/// <c>{"$cdcOmitted":{"bsonBytes":N,"sha256":"…"}}</c>, where N is the body's BSON length and the hash (64 lowercase hex
/// digits) is taken over exactly the bytes the change event carried. A consumer that fetches the document elsewhere can
/// check it is the same one; the size says why it was left out. Valid JSON and valid relaxed Extended JSON, so consumers
/// that parse the field still can; no BSON document has a <c>$cdcOmitted</c> top-level key, so it cannot be mistaken
/// for one.
/// </summary>
internal static class OmittedBodyMarker
{
    /// <summary>The marker's only key.</summary>
    public const string Key = "$cdcOmitted";

    /// <summary>Appends the marker for <paramref name="bson"/> (a whole BSON document) to <paramref name="output"/>.</summary>
    public static void Write(ReadOnlySpan<byte> bson, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bson, hash);
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"{Key}\":{{\"bsonBytes\":{bson.Length},\"sha256\":\"{Convert.ToHexStringLower(hash)}\"}}}}");
        var bytes = Encoding.UTF8.GetBytes(text);
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }

    /// <summary>The envelope path of one body, as the <c>cdc.omitted</c> header names it.</summary>
    public static string PathOf(OmittedBodies body) => body switch
    {
        OmittedBodies.FullDocument => "fullDocument",
        OmittedBodies.FullDocumentBeforeChange => "fullDocumentBeforeChange",
        OmittedBodies.UpdatedFields => "updateDescription.updatedFields",
        OmittedBodies.OperationDescription => "operationDescription",
        _ => throw new ArgumentOutOfRangeException(nameof(body), body, "Exactly one body is named by a path."),
    };
}
