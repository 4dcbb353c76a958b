namespace Cdc.Connector.Tests.Check;

/// <summary>A clock standing at one instant, so a checkpoint's age is known exactly.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
