using System.Diagnostics;
using Cdc.Bench.Transcode;
using Cdc.Connector.Pipeline;
using Cdc.Connector.Source;

namespace Cdc.Bench.Pipeline;

/// <summary>
/// A change stream replaying recorded events from memory: a batch end (with the batch's last event token as its
/// postBatchResumeToken, as a server sends it) after every <see cref="BatchSize"/> events, then an idle stream.
/// </summary>
internal sealed class ReplaySource(GeneratedEvents events) : IChangeStreamSource
{
    /// <summary>Events per batch: a 16 MB getMore reply would hold about 9,000 of these events; 1,000 makes batch ends (and their checkpoint offers) more frequent than that.</summary>
    public const int BatchSize = 1_000;

    private int _next;
    private int _inBatch;
    private int _tokenOf = -1;
    private bool _drained;

    /// <summary>When the pipeline asked for the first event (Stopwatch ticks), or 0.</summary>
    public long FirstReadTimestamp { get; private set; }

    /// <summary>The process's CPU time when the pipeline asked for the first event.</summary>
    public TimeSpan FirstReadCpu { get; private set; }

    /// <summary>When the pipeline came back for more after the last event (Stopwatch ticks), or 0.</summary>
    public long DrainedTimestamp { get; private set; }

    public ReadOnlySpan<byte> PostBatchResumeToken => _tokenOf < 0 ? default : ChangeEventIdentity.ResumeToken(events[_tokenOf]);

    public ResumePosition? Open(StartPosition start, CancellationToken cancellationToken) => null;

    public ChangeStreamRead Read(out ReadOnlySpan<byte> changeEvent, CancellationToken cancellationToken)
    {
        if (FirstReadTimestamp == 0)
        {
            FirstReadCpu = ProcessCpu.Now();
            FirstReadTimestamp = Stopwatch.GetTimestamp();
        }

        changeEvent = default;
        if (_next < events.Count && _inBatch < BatchSize)
        {
            changeEvent = events[_next++];
            _inBatch++;
            return ChangeStreamRead.Event;
        }

        if (_inBatch > 0 || !_drained)
        {
            _inBatch = 0;
            _tokenOf = _next - 1;
            _drained = _next == events.Count;
            if (_drained)
            {
                DrainedTimestamp = Stopwatch.GetTimestamp();
            }
            return ChangeStreamRead.BatchEnd;
        }

        Thread.Sleep(5); // an idle stream's maxAwaitTimeMS
        return ChangeStreamRead.BatchEnd;
    }

    public void Dispose()
    {
    }
}
