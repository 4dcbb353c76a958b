namespace Cdc.Schemas.Mapping;

/// <summary>Which Kafka key a mapped event has.</summary>
internal enum MappedKey
{
    /// <summary>The key record (canonical Extended JSON of documentKey, or the namespace key) was written.</summary>
    Written,

    /// <summary>A keyless event under <see cref="KeylessEventPolicy.NullKey"/> (or a skipped one): the Kafka key is null.</summary>
    Null,
}
