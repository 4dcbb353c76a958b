namespace Cdc.Connector.Configuration;

/// <summary>A topic the connector generates for a namespace the configuration names, so its collisions are known at start-up.</summary>
/// <param name="Topic">The generated topic (<c>{kafka.topicPrefix}.{db}.{coll}</c>, sanitised).</param>
/// <param name="Database">The namespace's database; null for the topic of events without a namespace.</param>
/// <param name="Collection">The namespace's collection; null for database-level events.</param>
/// <param name="MadeBy">The keys that make the connector generate it, quoted, with their verb: "'kafka.topicPrefix' and 'mongodb.database' make".</param>
internal sealed record NamedNamespaceTopic(string Topic, string? Database, string? Collection, string MadeBy);
