using System.Buffers.Binary;
using System.Collections.Concurrent;
using Cdc.Sandbox.MongoDb.ChangeStreams;
using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Cursors;

namespace Cdc.Sandbox.MongoDb.Server;

/// <summary>
/// Whether the single node is primary. replSetStepDown makes it secondary for
/// min(stepDownSecs, <see cref="MongoServerOptions.MaxStepDownPeriod"/>), or until replSetFreeze 0 unfreezes it
/// (<see cref="Freeze"/>); the first look after that re-elects it in a
/// new term with a new electionId built as mongod builds one (0x7fffffff then the term, big-endian), which is greater
/// than any earlier one, as drivers require of a new primary. setVersion does not change.
/// </summary>
internal sealed class ReplicationState
{
    private readonly Lock _gate = new();
    private readonly ReplicaSetIdentity _identity;
    private readonly CursorRegistry _cursors;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxPeriod;
    private readonly ConcurrentDictionary<long, bool> _interruptedCursors = new();
    private DateTimeOffset? _secondaryUntil;

    public ReplicationState(ReplicaSetIdentity identity, CursorRegistry cursors, MongoServerOptions options)
    {
        _identity = identity;
        _cursors = cursors;
        _time = options.Time;
        _maxPeriod = options.MaxStepDownPeriod;
    }

    public bool IsWritablePrimary
    {
        get
        {
            lock (_gate)
            {
                ReelectIfDue();
                return _secondaryUntil is null;
            }
        }
    }

    /// <summary>The current electionId (only meaningful while primary).</summary>
    public byte[] ElectionId
    {
        get
        {
            lock (_gate)
            {
                ReelectIfDue();
                return _identity.ElectionId;
            }
        }
    }

    /// <summary>
    /// Steps down for <paramref name="seconds"/> (capped); every open cursor is interrupted, and its next getMore fails
    /// with InterruptedDueToReplStateChange. Returns how long the node stays secondary.
    /// </summary>
    public TimeSpan StepDown(double seconds)
    {
        lock (_gate)
        {
            ReelectIfDue();
            if (_secondaryUntil is not null)
            {
                throw new CommandException(ErrorCodes.NotWritablePrimary, "not primary so can't step down");
            }

            var period = TimeSpan.FromSeconds(seconds) < _maxPeriod ? TimeSpan.FromSeconds(seconds) : _maxPeriod;
            _secondaryUntil = _time.GetUtcNow() + period;
            foreach (var cursor in _cursors.RemoveAll())
            {
                _interruptedCursors[cursor.Id] = cursor is ChangeStreamCursor;
            }

            return period;
        }
    }

    /// <summary>
    /// replSetFreeze on this node, as mongod answers it for a single-node replica set: refused (95 NotSecondary) while
    /// primary. 0 unfreezes a stepped-down node, which elects itself at once (mongod's prompt single-node election);
    /// more keeps it secondary for at least that long, capped as a step-down is. True when it unfroze.
    /// </summary>
    public bool Freeze(double seconds)
    {
        lock (_gate)
        {
            ReelectIfDue();
            if (_secondaryUntil is not { } until)
            {
                throw new CommandException(ErrorCodes.NotSecondary, "cannot freeze node when primary or running for election. state: Primary");
            }

            if (seconds <= 0)
            {
                _secondaryUntil = _time.GetUtcNow();
                ReelectIfDue();
                return true;
            }

            var period = TimeSpan.FromSeconds(seconds) < _maxPeriod ? TimeSpan.FromSeconds(seconds) : _maxPeriod;
            var frozenUntil = _time.GetUtcNow() + period;
            _secondaryUntil = frozenUntil > until ? frozenUntil : until;
            return false;
        }
    }

    /// <summary>True (once) when the cursor was interrupted by a step-down; isChangeStream tells how to label the error.</summary>
    public bool TryTakeInterrupted(long cursorId, out bool isChangeStream) => _interruptedCursors.TryRemove(cursorId, out isChangeStream);

    private void ReelectIfDue()
    {
        if (_secondaryUntil is { } until && _time.GetUtcNow() >= until)
        {
            _secondaryUntil = null;
            _identity.Term++;
            var electionId = new byte[12];
            BinaryPrimitives.WriteInt32BigEndian(electionId, int.MaxValue);
            BinaryPrimitives.WriteInt64BigEndian(electionId.AsSpan(4), _identity.Term);
            _identity.ElectionId = electionId;
        }
    }
}
