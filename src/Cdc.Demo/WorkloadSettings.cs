namespace Cdc.Demo;

/// <summary>
/// How hard the demo shop works: its steady rate, its bursts, and the customers it signs up before anything else; and
/// whether its changes go out as typed values.
/// </summary>
internal sealed record WorkloadSettings
{
    public const int DefaultOperationsPerSecond = 200;

    public int OperationsPerSecond { get; init; } = DefaultOperationsPerSecond;

    public double BurstEverySeconds { get; init; } = 5;

    public int BurstSize { get; init; } = 50;

    public int InitialCustomers { get; init; } = 20;

    public int Seed { get; init; } = Environment.TickCount;

    /// <summary>The connector publishes typed values (mapping.value=document) instead of the envelope (`cdc demo --typed`).</summary>
    public bool TypedValues { get; init; }
}
