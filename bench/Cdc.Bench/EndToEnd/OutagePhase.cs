namespace Cdc.Bench.EndToEnd;

/// <summary>
/// Every broker down for <see cref="Seconds"/> under a live load, then back: the connector's RSS just before and its
/// highest sample while down (and one sample every 10 s, to tell a plateau from a climb), the events in flight when
/// they came back, how long it took after the brokers returned to have what was written before acknowledged, and the
/// count check over the whole streaming run (documents written against records appended to the topic).
/// </summary>
internal sealed record OutagePhase(
    double Seconds,
    double WriteEventsPerSecond,
    double RssBeforeMb,
    double PeakRssMb,
    IReadOnlyList<double> RssEvery10SecondsMb,
    long InFlightAtEnd,
    double RecoverySeconds,
    long Written,
    long Appended,
    long Restarts)
{
    public double RssGrowthMb => PeakRssMb - RssBeforeMb;

    /// <summary>Documents written with no record in Kafka; exact when <see cref="Restarts"/> is 0 (an idempotent producer writes no duplicate).</summary>
    public long Lost => Math.Max(0, Written - Appended);

    public long Duplicates => Math.Max(0, Appended - Written);
}
