namespace Cdc.Connector.Observability;

/// <summary>The <c>kind</c> label of cdc_errors_total: a small fixed set, so dashboards and alerts can name them.</summary>
internal static class ErrorKinds
{
    /// <summary>The change stream failed and will be resumed (network, primary step-down, a resumable server error).</summary>
    public const string Source = "source";

    /// <summary>The resume position is gone from the oplog (286/136) or invalid (260/280).</summary>
    public const string ResumePositionLost = "resume_position_lost";

    /// <summary>Kafka refused or timed out a delivery, or the producer failed.</summary>
    public const string Kafka = "kafka";

    /// <summary>The Schema Registry refused a schema or could not be reached.</summary>
    public const string SchemaRegistry = "schema_registry";

    /// <summary>An event could not be mapped or published (too large, unmappable) and no dead-letter topic could take it.</summary>
    public const string Event = "event";

    /// <summary>A checkpoint could not be saved (retried on the next tick) or loaded.</summary>
    public const string Checkpoint = "checkpoint";

    /// <summary>Anything else that ended a cycle.</summary>
    public const string Other = "other";
}
