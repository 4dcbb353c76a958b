namespace Cdc.Integration.Tests;

/// <summary>
/// How long the integration tests wait for something a real process does. A deadline only stops a hung test: the tests
/// share a 2-core machine with builds and other test runs, so a healthy run can be many times slower than on a quiet
/// machine, and must never reach these bounds. No test asserts how fast anything happened.
/// </summary>
internal static class Deadlines
{
    /// <summary>One step of a process: starting, stopping, a write reaching the reader, a node script finishing.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(60);

    /// <summary>A workload of thousands of writes finishing, or the connector and the reader catching up on one.</summary>
    public static readonly TimeSpan Workload = TimeSpan.FromSeconds(120);

    /// <summary>
    /// The connector and the reader catching up on a backlog that built while Kafka was down (over 10,000 events): on a
    /// machine running two suites beside two CPU hogs this took longer than <see cref="Workload"/>, with nothing lost.
    /// </summary>
    public static readonly TimeSpan Backlog = TimeSpan.FromSeconds(300);
}
