namespace Cdc.Integration.Tests;

/// <summary>The records read so far, thread-safe, with the queries the checks need.</summary>
internal sealed class DecodedRecords
{
    private readonly List<DecodedRecord> _records = [];
    private DateTime _lastArrivalUtc = DateTime.UtcNow;

    public int Count
    {
        get { lock (_records) { return _records.Count; } }
    }

    /// <summary>A copy of every record, in arrival order.</summary>
    public IReadOnlyList<DecodedRecord> Snapshot()
    {
        lock (_records)
        {
            return [.. _records];
        }
    }

    public void Add(Func<int, DecodedRecord> create)
    {
        lock (_records)
        {
            _records.Add(create(_records.Count));
            _lastArrivalUtc = DateTime.UtcNow;
        }
    }

    public IReadOnlyList<DecodedRecord> ByResumeToken(string token) =>
        Snapshot().Where(r => r.ResumeToken == token).ToList();

    /// <summary>Every record of one document (data and tombstones) in its partition's order.</summary>
    public IReadOnlyList<DecodedRecord> ForDocument(string topic, string documentKey) =>
        Snapshot().Where(r => r.Topic == topic && r.DocumentKey == documentKey).OrderBy(r => r.Partition).ThenBy(r => r.Offset).ToList();

    /// <summary>Per (topic, documentKey): the v of each non-tombstone record carrying one, in partition order (duplicates kept).</summary>
    public IReadOnlyDictionary<(string Topic, string DocumentKey), List<int>> VSequences()
    {
        var sequences = new Dictionary<(string, string), List<int>>();
        foreach (var record in Snapshot().Where(r => r.DocumentKey is not null && r.Value is not null).OrderBy(r => r.Topic).ThenBy(r => r.Partition).ThenBy(r => r.Offset))
        {
            if (VOf(record) is not { } v)
            {
                continue;
            }

            var key = (record.Topic, record.DocumentKey!);
            if (!sequences.TryGetValue(key, out var list))
            {
                sequences[key] = list = [];
            }

            list.Add(v);
        }

        return sequences;
    }

    /// <summary>Resume tokens published more than once, with their counts.</summary>
    public IReadOnlyDictionary<string, int> Duplicates() =>
        Snapshot().Where(r => r.ResumeToken is not null).GroupBy(r => r.ResumeToken!).Where(g => g.Count() > 1).ToDictionary(g => g.Key, g => g.Count());

    public IReadOnlyList<DecodedRecord> Tombstones() => Snapshot().Where(r => r.IsTombstone).ToList();

    public IReadOnlyList<DecodedRecord> DecodeFailures() => Snapshot().Where(r => r.DecodeError is not null).ToList();

    public bool ContainsAll(IEnumerable<string> tokens)
    {
        var seen = Snapshot().Select(r => r.ResumeToken).Where(t => t is not null).ToHashSet();
        return tokens.All(seen.Contains);
    }

    /// <summary>
    /// Waits until no record has arrived for <paramref name="quiet"/>. Records still arriving at <paramref name="timeout"/>
    /// throw: a caller reasoning about records that have not settled would judge a moving set.
    /// </summary>
    public async Task WaitForQuietAsync(TimeSpan quiet, TimeSpan timeout)
    {
        var started = DateTime.UtcNow;
        var countAtStart = Count;
        while (true)
        {
            DateTime last;
            int count;
            lock (_records)
            {
                last = _lastArrivalUtc;
                count = _records.Count;
            }

            var now = DateTime.UtcNow;
            if (now - last >= quiet)
            {
                return;
            }

            if (now - started >= timeout)
            {
                throw new TimeoutException(
                    $"Records kept arriving for {timeout.TotalSeconds:0.#} s without a {quiet.TotalMilliseconds:0} ms pause: {count - countAtStart} arrived while waiting, {count} in all.");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    /// <summary>v from the full document (insert, replace) or the updated fields (update), when the event has one.</summary>
    public static int? VOf(DecodedRecord record)
    {
        var value = record.Value!.Value;
        var body = value.GetProperty("fullDocument").GetString() ?? UpdatedFields(value);
        if (body is null)
        {
            return null;
        }

        using var document = System.Text.Json.JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("v", out var v) && v.ValueKind == System.Text.Json.JsonValueKind.Number ? v.GetInt32() : null;
    }

    private static string? UpdatedFields(System.Text.Json.JsonElement value) =>
        value.GetProperty("updateDescription") is { ValueKind: System.Text.Json.JsonValueKind.Object } description
            ? description.GetProperty("updatedFields").GetString()
            : null;
}
