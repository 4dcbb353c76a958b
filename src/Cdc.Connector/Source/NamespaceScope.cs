namespace Cdc.Connector.Source;

/// <summary>
/// Include/exclude lists of namespace patterns ("db" or "db.coll") evaluated for one collection, the same rules the
/// change stream's <see cref="NamespaceFilter"/> applies on the server: included when the include list is empty or names
/// the collection or its database, and no exclude entry names either.
/// </summary>
internal sealed class NamespaceScope
{
    private readonly NamespacePattern[] _include;
    private readonly NamespacePattern[] _exclude;

    public NamespaceScope(IReadOnlyList<string> include, IReadOnlyList<string> exclude, string includeKey, string excludeKey)
    {
        ArgumentNullException.ThrowIfNull(include);
        ArgumentNullException.ThrowIfNull(exclude);
        _include = include.Select(entry => NamespacePattern.Parse(entry, includeKey)).ToArray();
        _exclude = exclude.Select(entry => NamespacePattern.Parse(entry, excludeKey)).ToArray();
    }

    public bool Allows(string database, string collection) =>
        (_include.Length == 0 || Array.Exists(_include, pattern => Names(pattern, database, collection)))
        && !Array.Exists(_exclude, pattern => Names(pattern, database, collection));

    private static bool Names(NamespacePattern pattern, string database, string collection) =>
        pattern.Database == database && (pattern.Collection is null || pattern.Collection == collection);
}
