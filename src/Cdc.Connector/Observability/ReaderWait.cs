namespace Cdc.Connector.Observability;

/// <summary>What the reading thread waits for in a designed wait (<see cref="ConnectorStatus.WaitStarted"/>).</summary>
internal enum ReaderWait
{
    /// <summary>Not waiting: reading, mapping or producing.</summary>
    None,

    /// <summary>The Schema Registry's ids for a route (a cache hit returns at once; a registry that fails is retried).</summary>
    SchemaRegistry,

    /// <summary>Room under pipeline.maxInFlightEvents / maxInFlightBytes: Kafka's acknowledgements free it.</summary>
    BackPressure,

    /// <summary>The backoff before a failed cycle is reopened.</summary>
    RestartBackoff,

    /// <summary>The end of a cycle: outstanding deliveries flushed, bounded by pipeline.shutdownGraceMs.</summary>
    Flush,
}
