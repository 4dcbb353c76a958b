using System.Globalization;
using System.Text.Json.Nodes;
using Cdc.Connector.Observability;
using Cdc.Connector.Pipeline;

namespace Cdc.Demo;

/// <summary>
/// The end of a demo run: what the shop held before the connector started and how the connector's snapshot of it went,
/// what the workload wrote, what the connector read and published, what the consumer decoded, and whether all of it
/// adds up (<see cref="Ok"/>; <see cref="Problems"/> says why not). `cdc demo --json` prints it
/// as JSON, `cdc demo` without it as one line of text (<see cref="ToText"/>) with the same figures.
/// </summary>
internal sealed class DemoSummary
{
    private readonly JsonObject _json;
    private readonly string _text;

    private DemoSummary(JsonObject json, string text, IReadOnlyList<string> problems)
    {
        _json = json;
        _text = text;
        Problems = problems;
    }

    public bool Ok => Problems.Count == 0;

    /// <summary>One sentence per reason the run is not ok; empty when it is.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Judges a finished run; <paramref name="connectorExit"/> is null when the connector did not stop within its grace period.</summary>
    public static DemoSummary Create(
        double durationSeconds,
        SeededShop seeded,
        WorkloadCounters workload,
        PipelineCounters connector,
        double? sourceLagSeconds,
        PipelineExit? connectorExit,
        ConsumerStatistics consumer)
    {
        var problems = new List<string>();
        var readByOperation = connector.ReadByOperationType();
        var publishedByOperation = connector.PublishedByOperationType();
        var consumedByOperation = consumer.ByOperationType();
        var snapshot = SnapshotStatus.Of(seeded, connector.SnapshotRows, publishedByOperation.GetValueOrDefault(SnapshotStatus.OperationType));
        var snapshotConsumed = consumedByOperation.GetValueOrDefault(SnapshotStatus.OperationType);
        var expectedRecords = connector.EventsPublished + connector.Tombstones;
        if (consumer.Records == 0)
        {
            problems.Add("the consumer received no records");
        }

        if (consumer.DecodeFailures > 0 || consumer.Decoded != consumer.Records)
        {
            problems.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{consumer.DecodeFailures} of {consumer.Records} records failed to decode (last: {consumer.LastDecodeError ?? "none"})"));
        }

        if (consumer.Records < expectedRecords)
        {
            problems.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"the consumer received {consumer.Records} records, fewer than the {expectedRecords} the connector published (events and tombstones)"));
        }

        if (connector.DeadLettered > 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{connector.DeadLettered} events went to the dead-letter topic"));
        }

        if (connectorExit is null)
        {
            problems.Add("the connector did not stop within its grace period");
        }
        else if (connectorExit.ExitCode != 0)
        {
            problems.Add($"the connector failed: {connectorExit.Error}");
        }

        // The workload leaves the seeded documents alone until the snapshot is complete, so each of them has its row.
        if (seeded.Documents > 0 && !snapshot.Complete)
        {
            problems.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"the snapshot of the seeded shop did not complete: {snapshot.CollectionsDone} of {snapshot.Collections} collections, {snapshot.RowsPublished} rows published"));
        }

        if (snapshotConsumed < seeded.Documents)
        {
            problems.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"the consumer decoded {snapshotConsumed} snapshot rows, fewer than the {seeded.Documents} documents seeded before the connector started"));
        }

        if (workload.Failures > 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{workload.Failures} workload writes failed (last: {workload.LastFailure})"));
        }

        // The figures --json prints and the text repeats: rounded once, here.
        var p50 = Rounded(consumer.Latency.Percentile(0.50));
        var p99 = Rounded(consumer.Latency.Percentile(0.99));
        double? max = consumer.Latency.Count == 0 ? null : Math.Round(consumer.Latency.Max, 1);
        var json = new JsonObject
        {
            ["durationSeconds"] = Math.Round(durationSeconds, 3),
            ["snapshot"] = new JsonObject
            {
                ["seeded"] = Counts(seeded.DocumentsByCollection),
                ["seededDocuments"] = seeded.Documents,
                ["completed"] = snapshot.Complete,
                ["collections"] = snapshot.Collections,
                ["collectionsCompleted"] = snapshot.CollectionsDone,
                ["chunks"] = connector.SnapshotRows.Chunks,
                ["rowsRead"] = connector.SnapshotRows.RowsRead,
                ["rowsDropped"] = connector.SnapshotRows.RowsDropped,
                ["rowsPublished"] = snapshot.RowsPublished,
                ["rowsByTopic"] = Counts(snapshot.RowsByCollection.ToDictionary(p => DemoTopics.TopicOf(p.Key), p => p.Value, StringComparer.Ordinal)),
                ["consumerDecoded"] = snapshotConsumed,
            },
            ["workload"] = new JsonObject
            {
                ["operations"] = workload.Operations,
                ["transactions"] = workload.Transactions,
                ["failures"] = workload.Failures,
                ["events"] = workload.Events,
                ["transactionEvents"] = workload.TransactionEvents,
                ["byOperationType"] = Counts(workload.EventsByOperationType()),
                ["expectedRecordsByTopic"] = Counts(workload.ExpectedRecordsByTopic()),
            },
            ["connector"] = new JsonObject
            {
                ["eventsRead"] = connector.EventsRead,
                ["eventsPublished"] = connector.EventsPublished,
                ["byOperationType"] = Counts(publishedByOperation),
                ["readByOperationType"] = Counts(readByOperation),
                ["tombstones"] = connector.Tombstones,
                ["restarts"] = connector.Restarts,
                ["deadLettered"] = connector.DeadLettered,
                ["checkpointsCommitted"] = connector.CheckpointsCommitted,
                ["sourceLagSeconds"] = sourceLagSeconds is { } lag ? Math.Round(lag, 3) : null,
                ["exitCode"] = connectorExit?.ExitCode,
                ["error"] = connectorExit?.Error,
            },
            ["consumer"] = new JsonObject
            {
                ["records"] = consumer.Records,
                ["decoded"] = consumer.Decoded,
                ["decodeFailures"] = consumer.DecodeFailures,
                ["tombstones"] = consumer.Tombstones,
                ["transactionRecords"] = consumer.TransactionRecords,
                ["byTopic"] = Counts(consumer.ByTopic()),
                ["byOperationType"] = Counts(consumedByOperation),
                ["latencyMs"] = new JsonObject
                {
                    ["p50"] = p50,
                    ["p99"] = p99,
                    ["max"] = max,
                },
                ["lastDecodeError"] = consumer.LastDecodeError,
            },
            ["problems"] = new JsonArray([.. problems.Select(p => (JsonNode)p)]),
            ["ok"] = problems.Count == 0,
        };
        var latency = max is null
            ? "no end-to-end latency measured"
            : $"end-to-end latency p50 {DemoFormat.PreciseMilliseconds(p50)}, p99 {DemoFormat.PreciseMilliseconds(p99)}, max {DemoFormat.PreciseMilliseconds(max)}";
        // Snapshot rows apart from change events, so that each side adds up: the seeded documents against the rows, the
        // workload's writes against the change events.
        var snapshotRead = readByOperation.GetValueOrDefault(SnapshotStatus.OperationType);
        var seededPart = seeded.Documents == 0
            ? ""
            : $"{DemoFormat.Count(seeded.Documents)} documents seeded → snapshot {(snapshot.Complete ? "complete" : "NOT complete")}: " +
              $"{DemoFormat.Count(snapshot.RowsPublished)} rows published → consumed {DemoFormat.Count(snapshotConsumed)}; ";
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"cdc demo: {(problems.Count == 0 ? "ok" : "NOT ok")}: {seededPart}{DemoFormat.Count(workload.Operations)} writes ({DemoFormat.Count(workload.Transactions)} transactions) → " +
            $"{DemoFormat.Count(connector.EventsRead - snapshotRead)} change events read, {DemoFormat.Count(connector.EventsPublished - snapshot.RowsPublished)} published + {DemoFormat.Count(connector.Tombstones)} tombstones → " +
            $"consumed {DemoFormat.Count(consumer.Records - consumer.Tombstones - snapshotConsumed)} records + {DemoFormat.Count(consumer.Tombstones)} tombstones, " +
            $"{DemoFormat.Count(consumer.DecodeFailures)} decode failures; {latency}.");
        return new DemoSummary(json, text, problems);
    }

    /// <summary>One line of JSON.</summary>
    public string ToJson() => _json.ToJsonString();

    /// <summary>
    /// One line for a reader: the counts at each stage (events and tombstones apart, so they add up) and the consumer's
    /// end-to-end latency over the whole run, the same figures as <see cref="ToJson"/>.
    /// </summary>
    public string ToText() => _text;

    private static JsonObject Counts(IReadOnlyDictionary<string, long> counts)
    {
        var json = new JsonObject();
        foreach (var (key, value) in counts.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            json[key] = value;
        }

        return json;
    }

    private static double? Rounded(double? value) => value is { } v ? Math.Round(v, 1) : null;
}
