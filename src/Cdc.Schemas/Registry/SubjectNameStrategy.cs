namespace Cdc.Schemas.Registry;

/// <summary>How a schema's subject is named, as Confluent's serializers do.</summary>
internal enum SubjectNameStrategy
{
    /// <summary><c>{topic}-key</c> / <c>{topic}-value</c>: one schema lineage per topic (the default).</summary>
    Topic,

    /// <summary><c>{recordFullName}</c>: one lineage per record type, shared by every topic.</summary>
    Record,

    /// <summary><c>{topic}-{recordFullName}</c>: one lineage per record type per topic.</summary>
    TopicRecord,
}
