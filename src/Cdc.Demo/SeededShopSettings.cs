namespace Cdc.Demo;

/// <summary>
/// The shop as it already is when the demo's connector starts: customers and orders (with the payments of the orders
/// already paid) written before it, so that its first records are a snapshot of them (docs/snapshots.md).
/// </summary>
/// <remarks>
/// The sizes are a compromise for a 2-core machine: large enough that the snapshot takes several chunks of each
/// collection (snapshot.chunkSize 1000; about 6,200 documents in all with the payments) and shows its progress in the
/// live view for a moment, small enough that writing them (insertMany in batches of <see cref="BatchSize"/>: under a
/// second against the emulator, the driver's first connection and JIT included) and snapshotting them (a second or
/// two, beside the workload, whose changes wait behind the rows meanwhile) keep the demo's start quick. Twice as many
/// took about 1.2 s to write and held the first changes back for up to 1.8 s.
/// </remarks>
internal sealed record SeededShopSettings
{
    public const int BatchSize = 1000;

    /// <summary>Nothing written before the connector starts: the demo then shows no snapshot rows.</summary>
    public static SeededShopSettings None { get; } = new() { Customers = 0, Orders = 0 };

    public int Customers { get; init; } = 1_000;

    /// <summary>Orders in every state of their lifecycle; those past "placed" (and not cancelled) have their payment.</summary>
    public int Orders { get; init; } = 3_000;

    /// <summary>How long ago the oldest seeded customer signed up: the seeded dates (and ObjectIds) fall in that span.</summary>
    public TimeSpan History { get; init; } = TimeSpan.FromDays(90);

    public int Seed { get; init; } = Environment.TickCount;
}
