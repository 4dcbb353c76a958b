namespace Cdc.Connector.Sink;

/// <summary>
/// How <see cref="SchemaIdCache"/> waits out an unreachable registry: the first delay, doubling with jitter up to the cap.
/// </summary>
internal sealed record SchemaIdRetrySettings(TimeSpan InitialDelay, TimeSpan MaxDelay)
{
    public static SchemaIdRetrySettings Default { get; } = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));
}
