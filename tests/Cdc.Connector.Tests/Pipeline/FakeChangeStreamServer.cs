using Cdc.Connector.Source;
using Cdc.Schemas.Bson;

namespace Cdc.Connector.Tests.Pipeline;

/// <summary>
/// A scripted change stream "server": an ordered log of events (and stream-closing markers after invalidates) that
/// every opened <see cref="FakeChangeStreamSource"/> reads from its start position on, plus one-shot faults.
/// Thread-safe. Operation time t (as captured by a Now start) means "from log index t - 1".
/// </summary>
internal sealed class FakeChangeStreamServer
{
    private readonly Lock _lock = new();
    private readonly List<byte[]?> _log = [];
    private readonly List<StartPosition> _opens = [];
    private readonly Dictionary<int, Exception> _readFaults = [];
    private readonly Queue<Exception> _openFaults = new();
    private int _batchEnds;

    public byte[] IdlePostBatchToken { get; set; } = [];

    /// <summary>The log index "now" is at: events from here on are read by a stream opened at Now (0: the whole script).</summary>
    public int NowIndex { get; set; }

    public int EventsRead { get; private set; }

    /// <summary>
    /// Empty batches answered to the opened streams (an idle stream's await ended with nothing new). The reader asks for
    /// the next batch only once it has handled the last, so two more of them mean it handled at least one.
    /// </summary>
    public int BatchEnds => Volatile.Read(ref _batchEnds);

    public IReadOnlyList<StartPosition> Opens
    {
        get
        {
            lock (_lock)
            {
                return [.. _opens];
            }
        }
    }

    public void Append(params byte[][] events)
    {
        lock (_lock)
        {
            _log.AddRange(events);
        }
    }

    /// <summary>The server closes the stream here (after an invalidate event).</summary>
    public void AppendClose()
    {
        lock (_lock)
        {
            _log.Add(null);
        }
    }

    /// <summary>The next read at log index <paramref name="index"/> throws once.</summary>
    public void FailReadAt(int index, Exception error)
    {
        lock (_lock)
        {
            _readFaults[index] = error;
        }
    }

    public void FailNextOpen(Exception error)
    {
        lock (_lock)
        {
            _openFaults.Enqueue(error);
        }
    }

    internal int Open(StartPosition start, out ResumePosition? captured)
    {
        lock (_lock)
        {
            _opens.Add(start);
            if (_openFaults.TryDequeue(out var fault))
            {
                throw fault;
            }

            captured = null;
            switch (start.Kind)
            {
                case StartKind.Now:
                    captured = ResumePosition.FromOperationTime(new BsonTimestamp((uint)NowIndex + 1, 0));
                    return NowIndex;
                case StartKind.AtOperationTime:
                    return (int)start.Position!.OperationTime!.Value.Seconds - 1;
                default:
                    var token = start.Position!.Token!;
                    for (var i = 0; i < _log.Count; i++)
                    {
                        if (_log[i] is { } entry && Cdc.Connector.Pipeline.ChangeEventIdentity.ResumeToken(entry).SequenceEqual(token))
                        {
                            // startAfter an invalidate skips the close that followed it.
                            return i + 1 < _log.Count && _log[i + 1] is null ? i + 2 : i + 1;
                        }
                    }

                    throw new InvalidOperationException("The fake server has no event with the token the stream was opened at.");
            }
        }
    }

    internal void BatchEnded() => Interlocked.Increment(ref _batchEnds);

    /// <summary>The entry at <paramref name="index"/>: an event, null for a close, or false when the log has no more yet.</summary>
    internal bool TryRead(int index, out byte[]? entry)
    {
        lock (_lock)
        {
            if (_readFaults.Remove(index, out var fault))
            {
                throw fault;
            }

            if (index >= _log.Count)
            {
                entry = null;
                return false;
            }

            entry = _log[index];
            if (entry is not null)
            {
                EventsRead++;
            }

            return true;
        }
    }
}
