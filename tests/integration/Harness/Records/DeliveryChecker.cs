namespace Cdc.Integration.Tests;

/// <summary>
/// Compares what Kafka holds with what MongoDB says happened: no loss (every source event's token is in a record),
/// per-document order (first occurrences follow the source order), and duplicates only from a replayed tail: each is
/// republished by a later run than its first copy, lies after the token committed at the crash before that run, and
/// the duplicates of a run cover every earlier-published event from their first one on, except within the last
/// <c>maxInFlightEvents</c> of that run, where a crash may leave holes.
/// </summary>
internal static class DeliveryChecker
{
    public static DeliveryReport Check(IReadOnlyList<SourceEvent> truth, IReadOnlyList<DecodedRecord> records, IReadOnlyList<CrashPoint> crashes, int maxInFlightEvents)
    {
        var report = new DeliveryReport { SourceEvents = truth.Count };
        var indexOf = new Dictionary<string, int>(truth.Count);
        foreach (var e in truth)
        {
            indexOf[e.Token] = e.Index;
        }

        foreach (var failure in records.Where(r => r.DecodeError is not null).Take(5))
        {
            report.Problems.Add($"record {failure.Topic}/{failure.Partition}@{failure.Offset} does not decode through the registry: {failure.DecodeError}");
        }

        // Which run (0 = before the first crash) published each record, and the source index it carries.
        var runCount = crashes.Count + 1;
        var publishedBefore = new HashSet<int>[runCount];
        var duplicates = new List<int>[runCount];
        var maxIndexOfRun = new int[runCount];
        for (var run = 0; run < runCount; run++)
        {
            publishedBefore[run] = [];
            duplicates[run] = [];
            maxIndexOfRun[run] = -1;
        }

        var firstRun = new Dictionary<int, int>();
        var firstRecord = new Dictionary<int, DecodedRecord>();
        foreach (var record in records.Where(r => r.Value is not null).OrderBy(r => r.Arrival))
        {
            report.DataRecords++;
            if (!indexOf.TryGetValue(record.ResumeToken!, out var index))
            {
                report.RecordsOutsideGroundTruth++;
                continue;
            }

            var run = RunOf(record, crashes);
            maxIndexOfRun[run] = Math.Max(maxIndexOfRun[run], index);
            if (firstRun.TryGetValue(index, out var earlierRun))
            {
                duplicates[run].Add(index);
                if (earlierRun == run)
                {
                    report.Problems.Add($"event #{index} ({truth[index].OperationType} {truth[index].DocumentKey}) was published twice by the same run {run}: {firstRecord[index]} and {record}");
                }
            }
            else
            {
                firstRun[index] = run;
                firstRecord[index] = record;
            }
        }

        report.Tombstones = records.Count(r => r.IsTombstone);
        CheckNoLoss(truth, firstRun, report);
        CheckDocumentOrder(truth, firstRecord, report);
        CheckReplayedTails(truth, crashes, indexOf, firstRun, duplicates, maxIndexOfRun, maxInFlightEvents, report);
        return report;
    }

    private static int RunOf(DecodedRecord record, IReadOnlyList<CrashPoint> crashes)
    {
        var run = 0;
        while (run < crashes.Count && After(record, crashes[run]))
        {
            run++;
        }

        return run;
    }

    // librdkafka stamps a record when produce() is called, so a record stamped after the old process was gone comes
    // from a later run, however late the reader saw it.
    private static bool After(DecodedRecord record, CrashPoint crash) =>
        crash.EndedAtMs > 0 && record.TimestampMs > 0
            ? record.TimestampMs > crash.EndedAtMs
            : record.Arrival >= crash.RecordsBefore;

    private static void CheckNoLoss(IReadOnlyList<SourceEvent> truth, Dictionary<int, int> firstRun, DeliveryReport report)
    {
        var missing = truth.Where(e => !firstRun.ContainsKey(e.Index)).ToList();
        if (missing.Count > 0)
        {
            report.Problems.Add($"{missing.Count} of {truth.Count} source events have no record, e.g. " +
                string.Join(", ", missing.Take(5).Select(e => $"#{e.Index} {e.OperationType} {e.Namespace} {e.DocumentKey} v={e.V} token {e.Token}")));
        }
    }

    /// <summary>Records of one document share a partition, so its first occurrences must follow the partition's offsets in source order.</summary>
    private static void CheckDocumentOrder(IReadOnlyList<SourceEvent> truth, Dictionary<int, DecodedRecord> firstRecord, DeliveryReport report)
    {
        foreach (var document in firstRecord.Where(p => truth[p.Key].DocumentKey is not null).GroupBy(p => (truth[p.Key].Namespace, truth[p.Key].DocumentKey)))
        {
            var byPosition = document.OrderBy(p => p.Value.Topic, StringComparer.Ordinal).ThenBy(p => p.Value.Partition).ThenBy(p => p.Value.Offset).Select(p => p.Key).ToList();
            var bySource = byPosition.Order().ToList();
            if (!byPosition.SequenceEqual(bySource))
            {
                report.Problems.Add($"{document.Key.Namespace} {document.Key.DocumentKey}: first occurrences in Kafka come in source order {string.Join(",", byPosition.Select(i => $"#{i}(v={truth[i].V})"))}, expected {string.Join(",", bySource.Select(i => $"#{i}"))}");
            }

            if (document.Select(p => (p.Value.Topic, p.Value.Partition)).Distinct().Count() > 1)
            {
                report.Problems.Add($"{document.Key.Namespace} {document.Key.DocumentKey}: records of one document landed in several partitions");
            }
        }
    }

    private static void CheckReplayedTails(
        IReadOnlyList<SourceEvent> truth,
        IReadOnlyList<CrashPoint> crashes,
        Dictionary<string, int> indexOf,
        Dictionary<int, int> firstRun,
        List<int>[] duplicates,
        int[] maxIndexOfRun,
        int maxInFlightEvents,
        DeliveryReport report)
    {
        for (var crash = 0; crash < crashes.Count; crash++)
        {
            var run = crash + 1;
            var dups = duplicates[run];
            report.DuplicatesPerRestart.Add(dups.Count);
            var publishedEarlier = firstRun.Where(p => p.Value < run).Select(p => p.Key).ToList();
            var maxBefore = publishedEarlier.Count == 0 ? -1 : publishedEarlier.Max();

            // The committed token: an event's token (resolvable) or a postBatchResumeToken (not an event; skip the bound).
            int? committed = crashes[crash].CommittedToken is null ? -1
                : indexOf.TryGetValue(crashes[crash].CommittedToken!, out var c) ? c : null;
            report.ReplayableTailPerCrash.Add(committed is { } k ? maxBefore - k : null);
            if (committed is { } bound)
            {
                foreach (var index in dups.Where(i => i <= bound).Take(3))
                {
                    report.Problems.Add($"after crash {crash + 1}, event #{index} ({truth[index].OperationType} {truth[index].DocumentKey}) was republished although the committed token was at #{bound}: the restart did not resume from the committed position");
                }
            }

            if (dups.Count == 0)
            {
                continue;
            }

            // Everything published before the crash from the first duplicate on must come again (a contiguous tail),
            // up to where this run itself may have been cut short by the next crash.
            var low = dups.Min();
            var high = Math.Min(dups.Max(), maxIndexOfRun[run] - maxInFlightEvents);
            var republished = dups.ToHashSet();
            var gaps = publishedEarlier.Where(i => i >= low && i <= high && !republished.Contains(i)).Order().Take(5).ToList();
            if (gaps.Count > 0)
            {
                report.Problems.Add($"after crash {crash + 1}, the republished events #{low}..#{dups.Max()} are not a contiguous tail: earlier-published events {string.Join(", ", gaps.Select(i => $"#{i}"))} were skipped");
            }
        }
    }
}
