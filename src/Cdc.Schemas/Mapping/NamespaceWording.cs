namespace Cdc.Schemas.Mapping;

/// <summary>How messages about topics name a namespace, and the override that would move it, so every message words them alike.</summary>
internal static class NamespaceWording
{
    /// <summary>"collection shop.orders", "database shop's own events (dropDatabase)" or "events without a namespace (invalidate)".</summary>
    public static string Describe(string? db, string? coll) =>
        db is null ? "events without a namespace (invalidate)"
        : coll is null ? $"database {db}'s own events (dropDatabase)"
        : $"collection {db}.{coll}";

    /// <summary>
    /// The kafka.topics entry that would route the namespace elsewhere; null for database-level events and events
    /// without a namespace, which the configuration cannot override (its entries are <c>db.coll</c>).
    /// </summary>
    public static string? OverrideKey(string? db, string? coll) => db is null || coll is null ? null : $"kafka.topics.{db}.{coll}";
}
