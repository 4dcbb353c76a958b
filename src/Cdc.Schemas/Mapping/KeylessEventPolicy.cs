namespace Cdc.Schemas.Mapping;

/// <summary>What to do with events that carry no <c>documentKey</c> (drop, rename, dropDatabase, invalidate, other DDL).</summary>
internal enum KeylessEventPolicy
{
    /// <summary>
    /// Key = canonical Extended JSON <c>{"ns":{"db":…,"coll":…}}</c>. The default: compacted topics reject null keys, and a
    /// real documentKey always holds <c>_id</c>, so this key can never collide with a document's key.
    /// </summary>
    NamespaceKey,

    /// <summary>Publish with a null Kafka key.</summary>
    NullKey,

    /// <summary>Do not publish; the mapper reports the event as skipped so the caller can count it.</summary>
    Skip,
}
