namespace Cdc.Schemas.Mapping;

/// <summary>Everything the mapper needs per namespace, computed once: the topic, its schemas and the keyless-event key.</summary>
internal sealed class NamespaceRoute
{
    public NamespaceRoute(string? db, string? coll, string topic, EnvelopeSchemas schemas, byte[] namespaceKeyJson)
    {
        Db = db;
        Coll = coll;
        Topic = topic;
        Schemas = schemas;
        NamespaceKeyJson = namespaceKeyJson;
    }

    /// <summary>Null for events without a namespace (invalidate).</summary>
    public string? Db { get; }

    /// <summary>Null for database-level events (dropDatabase) and events without a namespace.</summary>
    public string? Coll { get; }

    public string Topic { get; }

    public EnvelopeSchemas Schemas { get; }

    /// <summary>UTF-8 canonical Extended JSON <c>{"ns":{…}}</c>, the key of keyless events under <see cref="KeylessEventPolicy.NamespaceKey"/>.</summary>
    public byte[] NamespaceKeyJson { get; }
}
