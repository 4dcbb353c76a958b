using System.Diagnostics;

namespace Cdc.Bench.EndToEnd;

/// <summary>One paced run: stop it to learn how many documents it wrote and at what rate.</summary>
internal sealed class PacedRun(PacedInsertWriters owner, CancellationTokenSource stop, Task<long>[] writers, long started, long writtenBefore, double targetRate)
{
    public double TargetEventsPerSecond => targetRate;

    /// <summary>Fails when a writer failed, so a phase does not measure a load that is no longer there.</summary>
    public void ThrowIfFailed()
    {
        if (writers.FirstOrDefault(task => task.IsFaulted) is { } failed)
        {
            throw new InvalidOperationException("e2e: a writer failed.", failed.Exception);
        }
    }

    /// <summary>Stops the writers (each finishes the insert it is sending) and returns the documents written and the achieved rate (first tick → last reply).</summary>
    public async Task<(long Documents, double EventsPerSecond)> StopAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        var lastReplies = await Task.WhenAll(writers).ConfigureAwait(false);
        // Up to the last reply: the writers' final wait for a tick that never came is not writing time.
        var seconds = Stopwatch.GetElapsedTime(started, lastReplies.Max()).TotalSeconds;
        stop.Dispose();
        var documents = owner.Written - writtenBefore;
        return (documents, documents / seconds);
    }
}
