namespace Cdc.Connector.Source;

/// <summary>One mongodb.include/excludeNamespaces entry: a whole database ("db") or one collection ("db.coll").
/// Database names cannot contain '.', so the first dot splits; collection names may contain more dots.</summary>
internal readonly record struct NamespacePattern(string Database, string? Collection)
{
    public static NamespacePattern Parse(string pattern, string key)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var dot = pattern.IndexOf('.', StringComparison.Ordinal);
        if (pattern.Length == 0 || dot == 0 || dot == pattern.Length - 1)
        {
            throw new ArgumentException($"'{key}' entry '{pattern}' must be a database name or <database>.<collection>.", nameof(pattern));
        }

        return dot < 0 ? new NamespacePattern(pattern, null) : new NamespacePattern(pattern[..dot], pattern[(dot + 1)..]);
    }
}
