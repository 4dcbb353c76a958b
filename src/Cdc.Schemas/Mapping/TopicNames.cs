using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace Cdc.Schemas.Mapping;

/// <summary>
/// Kafka topic names for namespaces: <c>{prefix}.{db}.{coll}</c>, <c>{prefix}.{db}</c> for database-level events,
/// <c>{prefix}</c> for events without a namespace. Kafka allows only <c>[A-Za-z0-9._-]</c> and at most 249 characters.
/// </summary>
/// <remarks>
/// <see cref="Compose"/> keeps a name that is already legal unchanged. Otherwise it replaces each character Kafka
/// rejects with <c>_</c> and appends ONE suffix, <c>-</c> plus lowercase hex of the SHA-256 of the unsanitised
/// namespace's UTF-8 (<c>db.coll</c>, or <c>db</c> for database-level events): 8 hex digits when only characters
/// were replaced, 16 when the name also had to be cut to fit 249 characters. Replacement alone would merge
/// <c>shop.订单</c> and <c>shop.客户</c> (both <c>cdc.shop.__</c>) into one topic; the hash keeps them apart, and
/// SHA-256 gives the same name on every platform and in every process. The prefix is left out of the hash: it is a
/// legal topic name (checked), constant within a deployment, so it separates nothing, and leaving it out makes the
/// suffix a function of the MongoDB namespace alone — the same in every deployment and computable by hand
/// (<c>printf '%s' 'shop.订单' | sha256sum</c>). <c>db.coll</c> is unambiguous because MongoDB database names
/// cannot contain <c>.</c>.
/// </remarks>
internal static class TopicNames
{
    public const int MaxLength = 249;

    /// <summary>Hex digits of the hash that keeps names distinct when characters had to be replaced.</summary>
    private const int ReplacedHashHexLength = 8;

    /// <summary>Hex digits of the hash that keeps over-long names distinct after truncation (more is cut away).</summary>
    private const int TruncatedHashHexLength = 16;

    private const char SuffixSeparator = '-';

    public static bool IsLegal(string topic)
    {
        if (topic.Length is 0 or > MaxLength || topic is "." or "..")
        {
            return false;
        }

        foreach (var c in topic)
        {
            if (!IsLegalChar(c))
            {
                return false;
            }
        }

        return true;
    }

    public static void ValidatePrefix(string prefix)
    {
        // The prefix alone names the topic of namespace-less events, so it must be a legal topic itself.
        if (!IsLegal(prefix))
        {
            throw new ArgumentException(
                $"Topic prefix \"{prefix}\" is not a legal Kafka topic name (1–{MaxLength} characters of [A-Za-z0-9._-], not \".\" or \"..\").");
        }
    }

    public static void ValidateOverride(string namespaceName, string topic)
    {
        if (namespaceName.Length == 0)
        {
            throw new ArgumentException("A topic override has an empty namespace; use \"db.coll\" or \"db\".");
        }

        if (!IsLegal(topic))
        {
            throw new ArgumentException(
                $"Topic override for \"{namespaceName}\": \"{topic}\" is not a legal Kafka topic name (1–{MaxLength} characters of [A-Za-z0-9._-], not \".\" or \"..\").");
        }
    }

    /// <summary>
    /// The default topic of a namespace: unchanged when legal, else sanitised with one stable hash suffix (see the
    /// type's remarks). Called once per namespace (routes are cached), so it favours clarity over zero allocation.
    /// </summary>
    public static string Compose(string prefix, string? db, string? coll)
    {
        // The hash leaves the prefix out, which is only sound when the prefix is never rewritten.
        ValidatePrefix(prefix);
        if (db is null)
        {
            return prefix;
        }

        // '.' and '_' are both kept although Kafka warns they collide in metric names (cdc.a.b vs cdc.a_b): rewriting
        // either would change readable names like cdc.shop.line_items, and the broker refuses to create the second
        // colliding topic ("collides with existing topics"), so such a clash fails loudly instead of merging streams.
        var namespaceName = coll is null ? db : $"{db}.{coll}";
        var topic = new StringBuilder(prefix.Length + 1 + namespaceName.Length + 1 + TruncatedHashHexLength);
        topic.Append(prefix).Append('.');
        var replaced = AppendReplaced(topic, namespaceName);
        if (!replaced && topic.Length <= MaxLength)
        {
            return topic.ToString();
        }

        var fitsWithShortSuffix = topic.Length + 1 + ReplacedHashHexLength <= MaxLength;
        var hexLength = fitsWithShortSuffix ? ReplacedHashHexLength : TruncatedHashHexLength;
        topic.Length = Math.Min(topic.Length, MaxLength - 1 - hexLength);
        topic.Append(SuffixSeparator);
        AppendHashHex(topic, namespaceName, hexLength);
        return topic.ToString();
    }

    /// <summary>
    /// What the default topic of every collection of <paramref name="db"/> starts with: <c>{prefix}.{db}.</c>, with the
    /// characters Kafka rejects replaced as <see cref="Compose"/> replaces them (its hash suffix goes at the end of the
    /// whole name, so it never splits this prefix). <c>cdc check</c> counts the topics a database-scoped stream already
    /// has with it. A database name so long that its collections' topics are cut short has no such prefix: null.
    /// </summary>
    public static string? CollectionTopicsPrefix(string prefix, string db)
    {
        ValidatePrefix(prefix);
        var topic = new StringBuilder(prefix.Length + db.Length + 2);
        topic.Append(prefix).Append('.');
        AppendReplaced(topic, db);
        topic.Append('.');
        return topic.Length < MaxLength - 1 - TruncatedHashHexLength ? topic.ToString() : null;
    }

    /// <summary>Appends <paramref name="name"/> with each character Kafka rejects as '_'; true when any was.</summary>
    private static bool AppendReplaced(StringBuilder topic, string name)
    {
        var replaced = false;
        foreach (var rune in name.EnumerateRunes())
        {
            // One '_' per Unicode character (a lone surrogate enumerates as U+FFFD and is rejected when hashed).
            var legal = rune.IsAscii && IsLegalChar((char)rune.Value);
            topic.Append(legal ? (char)rune.Value : '_');
            replaced |= !legal;
        }

        return replaced;
    }

    private static void AppendHashHex(StringBuilder topic, string namespaceName, int hexLength)
    {
        var utf8 = new byte[Encoding.UTF8.GetMaxByteCount(namespaceName.Length)];
        var status = Utf8.FromUtf16(namespaceName, utf8, out _, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            // Hashing U+FFFD in its place would give two different (invalid) names one topic.
            throw new ArgumentException(
                $"Cannot derive a topic for the namespace \"{namespaceName}\": it contains a lone surrogate, so it has no UTF-8 form to hash.");
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8.AsSpan(0, written), hash);
        topic.Append(Convert.ToHexStringLower(hash[..(hexLength / 2)]));
    }

    private static bool IsLegalChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
