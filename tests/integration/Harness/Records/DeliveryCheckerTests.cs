using System.Text.Json;

namespace Cdc.Integration.Tests;

/// <summary>The checker itself, on made-up histories: it must catch loss, reordering and duplicates outside a replayed tail.</summary>
public sealed class DeliveryCheckerTests
{
    // Ten inserts/updates of two documents, alternating: #0..#9, document d{i % 2}.
    private static readonly List<SourceEvent> Truth = Enumerable.Range(0, 10).Select(i => new SourceEvent(
        i, $"t{i}", i < 2 ? "insert" : "update", "db", "c", $$"""{"_id":"d{{i % 2}}"}""", i / 2, 1, i, 0, null, null, null, null)).ToList();

    [Fact]
    public void A_complete_ordered_history_without_crashes_has_no_problem()
    {
        var report = DeliveryChecker.Check(Truth, Records(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), [], maxInFlightEvents: 0);

        Assert.Empty(report.Problems);
        Assert.Equal(0, report.TotalDuplicates);
    }

    [Fact]
    public void A_missing_event_is_reported_as_loss()
    {
        var report = DeliveryChecker.Check(Truth, Records(0, 1, 2, 3, 5, 6, 7, 8, 9), [], maxInFlightEvents: 0);

        Assert.Contains(report.Problems, p => p.StartsWith("1 of 10 source events have no record, e.g. #4", StringComparison.Ordinal));
    }

    [Fact]
    public void Events_of_one_document_out_of_source_order_are_reported()
    {
        var report = DeliveryChecker.Check(Truth, Records(0, 1, 4, 2, 3, 5, 6, 7, 8, 9), [], maxInFlightEvents: 0);

        Assert.Contains(report.Problems, p => p.Contains("first occurrences in Kafka come in source order #0(v=0),#4(v=2),#2(v=1)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_replayed_tail_after_the_committed_token_is_counted_not_reported()
    {
        // Run 0 published #0..#6 with #4 committed; run 1 resumed after #4: #5, #6 again, then the rest.
        var report = DeliveryChecker.Check(Truth, Records(0, 1, 2, 3, 4, 5, 6, 5, 6, 7, 8, 9), [new CrashPoint(7, "t4")], maxInFlightEvents: 0);

        Assert.Empty(report.Problems);
        Assert.Equal([2], report.DuplicatesPerRestart);
        Assert.Equal([2], report.ReplayableTailPerCrash);
    }

    [Fact]
    public void A_duplicate_at_or_before_the_committed_token_is_reported()
    {
        var report = DeliveryChecker.Check(Truth, Records(0, 1, 2, 3, 4, 5, 6, 3, 4, 5, 6, 7, 8, 9), [new CrashPoint(7, "t4")], maxInFlightEvents: 0);

        Assert.Contains(report.Problems, p => p.StartsWith("after crash 1, event #3", StringComparison.Ordinal));
    }

    [Fact]
    public void A_duplicate_within_one_run_and_a_gap_in_the_replayed_tail_are_reported()
    {
        var withinRun = DeliveryChecker.Check(Truth, Records(0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), [], maxInFlightEvents: 0);
        var gap = DeliveryChecker.Check(Truth, Records(0, 1, 2, 3, 4, 5, 6, 3, 5, 6, 7, 8, 9), [new CrashPoint(7, "t2")], maxInFlightEvents: 0);

        Assert.Contains(withinRun.Problems, p => p.StartsWith("event #2 (update {\"_id\":\"d0\"}) was published twice by the same run 0", StringComparison.Ordinal));
        Assert.Contains(gap.Problems, p => p.Contains("not a contiguous tail: earlier-published events #4 were skipped", StringComparison.Ordinal));
    }

    [Fact]
    public void Producer_timestamps_attribute_records_to_runs_even_when_the_reader_lags_past_the_crash()
    {
        // Run 0 produced #0..#6 (stamped 100..106) and committed #4; it was gone at 150. The reader had only seen 5
        // records when the crash point was taken, so by arrival #5 and #6 would look like run 1's, published twice.
        var records = Records(0, 1, 2, 3, 4, 5, 6, 5, 6, 7, 8, 9)
            .Select((r, i) => r with { TimestampMs = i < 7 ? 100 + i : 200 + i })
            .ToList();

        var byTime = DeliveryChecker.Check(Truth, records, [new CrashPoint(5, "t4", EndedAtMs: 150)], maxInFlightEvents: 0);
        var byArrival = DeliveryChecker.Check(Truth, records, [new CrashPoint(5, "t4")], maxInFlightEvents: 0);

        Assert.Empty(byTime.Problems);
        Assert.Equal(2, byTime.TotalDuplicates);
        Assert.Contains(byArrival.Problems, p => p.Contains("was published twice by the same run 1", StringComparison.Ordinal));
    }

    /// <summary>Records carrying the given source events in this arrival order; each document on its own partition.</summary>
    private static List<DecodedRecord> Records(params int[] indexes)
    {
        var offsets = new long[2];
        var records = new List<DecodedRecord>();
        foreach (var index in indexes)
        {
            var e = Truth[index];
            using var value = JsonDocument.Parse($$"""{"resumeToken":"{{e.Token}}","operationType":"{{e.OperationType}}","fullDocument":null,"updateDescription":null}""");
            using var headers = JsonDocument.Parse("{}");
            var partition = index % 2;
            records.Add(new DecodedRecord(records.Count, "p.db.c", partition, offsets[partition]++, e.DocumentKey, value.RootElement.Clone(), null, headers.RootElement.Clone()));
        }

        return records;
    }
}
