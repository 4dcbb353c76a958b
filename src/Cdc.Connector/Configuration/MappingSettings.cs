using Cdc.Schemas.Avro;
using Cdc.Schemas.ExtendedJson;
using Cdc.Schemas.Mapping;

namespace Cdc.Connector.Configuration;

internal sealed class MappingSettings
{
    /// <summary>relaxed | canonical: the Extended JSON flavour of document bodies.</summary>
    public ExtendedJsonMode Json { get; set; } = ExtendedJsonMode.Relaxed;

    public bool TombstonesOnDelete { get; set; } = true;

    /// <summary>
    /// namespaceKey | nullKey | skip: what key events without a documentKey (drop, rename, DDL…) get. The default
    /// keeps them publishable on compacted topics, which reject null keys.
    /// </summary>
    public KeylessEventPolicy KeylessEvents { get; set; } = KeylessEventPolicy.NamespaceKey;

    /// <summary>envelope | document: the change event envelope, or the document as an Avro record (docs/typed-values.md).</summary>
    public ValueFormat Value { get; set; } = ValueFormat.Envelope;

    /// <summary>
    /// fail | deadLetter | reference: what happens to a record over kafka.producer.message.max.bytes. Only this key
    /// dead-letters oversized records: kafka.deadLetterTopic alone still takes unmappable events, not them.
    /// </summary>
    public OversizePolicy Oversize { get; set; } = OversizePolicy.Fail;

    /// <summary>"db.coll" → the path of the namespace's declared .avsc file, relative to the working directory.</summary>
    public Dictionary<string, string> Schemas { get; } = new(StringComparer.Ordinal);

    /// <summary>"db.coll" → the record of its .avsc file, read and checked by the load (<see cref="TypedValueRules"/>).</summary>
    public IReadOnlyDictionary<string, AvroRecordSchema> DeclaredSchemas { get; set; } = new Dictionary<string, AvroRecordSchema>(StringComparer.Ordinal);
}
