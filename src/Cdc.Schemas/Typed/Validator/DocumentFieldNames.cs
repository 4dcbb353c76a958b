using System.Security.Cryptography;
using System.Text;
using Cdc.Schemas.Avro;

namespace Cdc.Schemas.Typed.Validator;

/// <summary>
/// The Avro name of a document field (issue 19's shared conventions, rule 4): <see cref="AvroNames.Sanitize"/> of the
/// original, except that a field that would be named <c>__cdc</c> (at any depth, as the inference names it) gets the
/// hashed form Sanitize gives a name it changes (<c>__cdc_</c> + the first 4 bytes of the SHA-256 of the original's
/// UTF-8, as hex), because <c>__cdc</c> is the metadata field of the value record.
/// </summary>
internal static class DocumentFieldNames
{
    public const string MetadataField = "__cdc";

    /// <summary>The Avro name of the document field <paramref name="original"/>.</summary>
    public static string AvroNameOf(string original)
    {
        var name = AvroNames.Sanitize(original);
        return name == MetadataField ? Hashed(original) : name;
    }

    private static string Hashed(string original)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(original));
        return $"{MetadataField}_{Convert.ToHexStringLower(hash.AsSpan(0, 4))}";
    }
}
