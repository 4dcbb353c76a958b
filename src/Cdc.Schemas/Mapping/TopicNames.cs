using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cdc.Schemas.Mapping;

/// <summary>
/// Kafka topic names for namespaces: <c>{prefix}.{db}.{coll}</c>, <c>{prefix}.{db}</c> for database-level events,
/// <c>{prefix}</c> for events without a namespace. Kafka allows only <c>[A-Za-z0-9._-]</c> and at most 249 characters.
/// </summary>
internal static class TopicNames
{
    public const int MaxLength = 249;

    /// <summary>Hex digits of the hash that keeps over-long names distinct after truncation.</summary>
    private const int HashHexLength = 16;

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

    /// <summary>The default topic of a namespace: sanitised, and truncated with a stable hash suffix when too long.</summary>
    public static string Compose(string prefix, string? db, string? coll)
    {
        var raw = db is null ? prefix : coll is null ? $"{prefix}.{db}" : $"{prefix}.{db}.{coll}";
        var sanitized = new StringBuilder(raw.Length);
        foreach (var rune in raw.EnumerateRunes())
        {
            sanitized.Append(rune.IsAscii && IsLegalChar((char)rune.Value) ? (char)rune.Value : '_');
        }

        if (sanitized.Length <= MaxLength)
        {
            return sanitized.ToString();
        }

        // Two long namespaces sharing their first ~230 characters must not share a topic: the suffix hashes the
        // whole unsanitised name, so it is stable across restarts and versions.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(raw));
        var suffix = Convert.ToHexStringLower(hash, 0, HashHexLength / 2);
        sanitized.Length = MaxLength - HashHexLength - 1;
        return string.Create(CultureInfo.InvariantCulture, $"{sanitized}-{suffix}");
    }

    private static bool IsLegalChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
