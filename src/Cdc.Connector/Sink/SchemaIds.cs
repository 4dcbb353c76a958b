namespace Cdc.Connector.Sink;

/// <summary>The Schema Registry ids of one topic's key and value schemas, as framed into every record.</summary>
internal readonly record struct SchemaIds(int KeyId, int ValueId);
