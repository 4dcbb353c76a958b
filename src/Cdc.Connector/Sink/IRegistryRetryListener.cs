namespace Cdc.Connector.Sink;

/// <summary>
/// Hears <see cref="SchemaIdCache"/>'s retries of a registry that does not answer, so that the pause they cause shows in
/// /readyz and cdc_errors_total (<see cref="Pipeline.RegistryOutageReporter"/>). Called on the reading thread.
/// </summary>
internal interface IRegistryRetryListener
{
    /// <summary>A call for <paramref name="subject"/> failed (<paramref name="attempt"/> in a row) and will be retried.</summary>
    void CallFailed(string subject, int attempt, string problem);

    /// <summary>The retries for <paramref name="subject"/> ended: the registry answered, refused, or the wait was cancelled.</summary>
    void RetriesEnded(string subject);
}
