namespace Cdc.Connector.Source;

/// <summary>
/// Hands snapshot requests from the thread that polls the checkpoint store to the reading thread, and back to the
/// committer once committed: offered → taken (folded into the snapshot progress) → acknowledged (removed from the store).
/// A request offered again after a restart is taken again; folding it twice changes nothing.
/// </summary>
internal sealed class SnapshotRequestInbox
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _acknowledged = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SnapshotRequest> _taken = new(StringComparer.Ordinal);
    private readonly List<SnapshotRequest> _settled = [];
    private SnapshotRequest? _pending;

    /// <summary>A request read from the store; ignored once acknowledged or while it waits to be taken.</summary>
    public void Offer(SnapshotRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            if (!_acknowledged.Contains(request.Id) && _pending?.Id != request.Id)
            {
                _pending = request;
            }
        }
    }

    /// <summary>The reading thread takes the waiting request, if any.</summary>
    public bool TryTake(out SnapshotRequest request)
    {
        lock (_gate)
        {
            request = _pending!;
            if (_pending is null)
            {
                return false;
            }

            _taken[request.Id] = request;
            _pending = null;
            return true;
        }
    }

    /// <summary>A taken request that needs no commit (its collections are being snapshotted already): it may leave the store at once.</summary>
    public void Settle(SnapshotRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            _settled.Add(request);
            _taken.Remove(request.Id);
        }
    }

    /// <summary>The taken requests whose collections <paramref name="committed"/> holds, and the settled ones: they may leave the store now.</summary>
    public IReadOnlyList<SnapshotRequest> Committed(SnapshotProgress? committed)
    {
        lock (_gate)
        {
            var done = _taken.Values.Where(request => committed is not null && committed.Collections.Any(c => c.Trigger == request.Trigger)).ToList();
            done.AddRange(_settled);
            _settled.Clear();
            foreach (var request in done)
            {
                _taken.Remove(request.Id);
                _acknowledged.Add(request.Id);
            }

            return done;
        }
    }
}
