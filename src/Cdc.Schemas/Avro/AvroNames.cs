using System.Security.Cryptography;
using System.Text;

namespace Cdc.Schemas.Avro;

/// <summary>
/// Avro name rules and a deterministic, collision-safe sanitiser for MongoDB names.
/// </summary>
/// <remarks>
/// Avro names are strict (<c>[A-Za-z_][A-Za-z0-9_]*</c>) while MongoDB database, collection and field names are
/// almost free-form (<c>my-db</c>, <c>a.b</c>, <c>$x</c>, <c>1x</c>, <c>café</c>). <see cref="Sanitize"/> maps any
/// string to a valid Avro name by this rule:
/// <list type="number">
/// <item>a name that is already valid is returned unchanged;</item>
/// <item>otherwise every character outside <c>[A-Za-z0-9_]</c> becomes <c>_</c> (a character outside the BMP, being
/// two UTF-16 units, becomes <c>__</c>), and a leading digit or an empty result gets a <c>_</c> prefix;</item>
/// <item>and <c>_</c> plus 8 lowercase hex digits is appended: the first 4 bytes of the SHA-256 of the ORIGINAL
/// name's UTF-8.</item>
/// </list>
/// The replacement alone would map <c>my-db</c>, <c>my.db</c> and <c>my_db</c> to the same name; the hash of the
/// original keeps them apart, and SHA-256 keeps the result identical on every platform and in every process (unlike
/// <see cref="string.GetHashCode()"/>), so schemas stay stable across restarts. A sanitised name collides with another
/// sanitised name only on a 32-bit hash collision of two names with the same replaced form. A string with a lone
/// surrogate (not valid Unicode, so never a MongoDB name) is rejected rather than hashed as a replacement character.
/// </remarks>
internal static class AvroNames
{
    private const int HashHexLength = 8;

    /// <summary>True when <paramref name="name"/> matches <c>[A-Za-z_][A-Za-z0-9_]*</c>.</summary>
    public static bool IsValidName(string name) => IsValidName(name.AsSpan());

    public static bool IsValidName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || !IsNameStart(name[0]))
        {
            return false;
        }

        foreach (var c in name[1..])
        {
            if (!IsNamePart(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="dotted"/> is one or more valid names joined by dots.</summary>
    public static bool IsValidNamespace(string dotted)
    {
        var rest = dotted.AsSpan();
        while (true)
        {
            var dot = rest.IndexOf('.');
            if (!IsValidName(dot < 0 ? rest : rest[..dot]))
            {
                return false;
            }

            if (dot < 0)
            {
                return true;
            }

            rest = rest[(dot + 1)..];
        }
    }

    /// <summary>A valid Avro name for any string; see the type's remarks for the rule.</summary>
    public static string Sanitize(string name) => IsValidName(name) ? name : WithHash(name);

    /// <summary>
    /// The replaced-and-hashed form of <see cref="Sanitize"/> even for a name that is already valid: for a valid name
    /// that must not be used as it is (a document field called <c>__cdc</c> beside the metadata field of that name).
    /// </summary>
    public static string WithHash(string name)
    {
        if (HasLoneSurrogate(name))
        {
            throw new AvroException($"Cannot sanitise the name '{name}': it contains a lone surrogate, so it has no UTF-8 form to hash.");
        }

        var needsPrefix = name.Length == 0 || char.IsAsciiDigit(name[0]);
        var length = (needsPrefix ? 1 : 0) + name.Length + 1 + HashHexLength;
        return string.Create(length, (name, needsPrefix), static (span, state) =>
        {
            var (original, prefix) = state;
            var at = 0;
            if (prefix)
            {
                span[at++] = '_';
            }

            foreach (var c in original)
            {
                span[at++] = IsNamePart(c) ? c : '_';
            }

            span[at++] = '_';
            WriteHashHex(original, span[at..]);
        });
    }

    /// <summary>
    /// Sanitises each dot-separated part of a namespace with <see cref="Sanitize"/>; a valid namespace is returned
    /// unchanged. Empty parts (<c>a..b</c>, a leading or trailing dot, or an empty string) are an error, because
    /// sanitising them would invent names.
    /// </summary>
    public static string SanitizeNamespace(string dotted)
    {
        if (IsValidNamespace(dotted))
        {
            return dotted;
        }

        var parts = dotted.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length == 0)
            {
                throw new AvroException($"Cannot sanitise the namespace '{dotted}': part {i + 1} of {parts.Length} is empty.");
            }

            parts[i] = Sanitize(parts[i]);
        }

        return string.Join('.', parts);
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static void WriteHashHex(string original, Span<char> destination)
    {
        var utf8Length = Encoding.UTF8.GetByteCount(original);
        var heap = utf8Length <= 256 ? null : new byte[utf8Length];
        Span<byte> utf8 = heap ?? stackalloc byte[utf8Length];
        Encoding.UTF8.GetBytes(original, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8, hash);
        Convert.TryToHexStringLower(hash[..(HashHexLength / 2)], destination, out _);
    }
}
