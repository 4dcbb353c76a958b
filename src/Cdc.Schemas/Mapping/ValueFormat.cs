namespace Cdc.Schemas.Mapping;

/// <summary>What the value of a change record is (mapping.value).</summary>
internal enum ValueFormat
{
    /// <summary>The change event envelope, document bodies as Extended JSON strings (docs/mapping.md).</summary>
    Envelope,

    /// <summary>The document itself as an Avro record plus the <c>__cdc</c> metadata record (docs/typed-values.md).</summary>
    Document,
}
