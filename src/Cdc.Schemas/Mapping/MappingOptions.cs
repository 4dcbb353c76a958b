using Cdc.Schemas.Avro;
using Cdc.Schemas.ExtendedJson;

namespace Cdc.Schemas.Mapping;

/// <summary>
/// How change events become Kafka records. Pure data, checked at construction so a bad setting fails at startup and
/// never on the per-event path. Invalid values throw <see cref="ArgumentException"/> naming the setting.
/// </summary>
internal sealed class MappingOptions
{
    public MappingOptions(
        string topicPrefix = "cdc",
        IReadOnlyDictionary<string, string>? topicOverrides = null,
        ExtendedJsonMode jsonMode = ExtendedJsonMode.Relaxed,
        bool tombstonesOnDelete = true,
        KeylessEventPolicy keylessEvents = KeylessEventPolicy.NamespaceKey,
        IReadOnlyList<ReservedTopic>? reservedTopics = null,
        ValueFormat value = ValueFormat.Envelope,
        IReadOnlyDictionary<string, AvroRecordSchema>? declaredSchemas = null)
    {
        if (!Enum.IsDefined(value))
        {
            throw new ArgumentException($"Value format {(int)value} is not envelope or document.", nameof(value));
        }

        if (!Enum.IsDefined(jsonMode))
        {
            throw new ArgumentException($"Extended JSON mode {(int)jsonMode} is not relaxed or canonical.", nameof(jsonMode));
        }

        if (!Enum.IsDefined(keylessEvents))
        {
            throw new ArgumentException($"Keyless event policy {(int)keylessEvents} is not namespaceKey, nullKey or skip.", nameof(keylessEvents));
        }

        TopicNames.ValidatePrefix(topicPrefix);
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        if (topicOverrides is not null)
        {
            foreach (var (namespaceName, topic) in topicOverrides)
            {
                TopicNames.ValidateOverride(namespaceName, topic);
                overrides.Add(namespaceName, topic);
            }
        }

        var reserved = new Dictionary<string, ReservedTopic>(StringComparer.Ordinal);
        foreach (var topic in reservedTopics ?? [])
        {
            // Two keys naming one reserved topic is refused at start-up; here the first is enough to name the collision.
            reserved.TryAdd(topic.Topic, topic);
        }

        TopicPrefix = topicPrefix;
        TopicOverrides = overrides;
        ReservedTopics = reserved;
        JsonMode = jsonMode;
        TombstonesOnDelete = tombstonesOnDelete;
        KeylessEvents = keylessEvents;
        Value = value;
        DeclaredSchemas = declaredSchemas ?? new Dictionary<string, AvroRecordSchema>(StringComparer.Ordinal);
    }

    /// <summary>First part of every default topic name: <c>{TopicPrefix}.{db}.{coll}</c>.</summary>
    public string TopicPrefix { get; }

    /// <summary>"db.coll" (or "db" for database-level events) → topic name.</summary>
    public IReadOnlyDictionary<string, string> TopicOverrides { get; }

    /// <summary>Topic → the topic of another kind of record (checkpoints, dead letters) that no namespace may be routed to.</summary>
    public IReadOnlyDictionary<string, ReservedTopic> ReservedTopics { get; }

    /// <summary>Mode of the document bodies (fullDocument, pre-image, updatedFields, operationDescription); keys and lsid are always canonical.</summary>
    public ExtendedJsonMode JsonMode { get; }

    public bool TombstonesOnDelete { get; }

    public KeylessEventPolicy KeylessEvents { get; }

    /// <summary>The envelope, or the document as a typed Avro record (docs/typed-values.md).</summary>
    public ValueFormat Value { get; }

    /// <summary>"db.coll" → the document record its declared .avsc file gives (mapping.schemas), checked at start-up.</summary>
    public IReadOnlyDictionary<string, AvroRecordSchema> DeclaredSchemas { get; }
}
