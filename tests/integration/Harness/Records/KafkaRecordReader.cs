using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cdc.Integration.Tests;

/// <summary>
/// kafkajs + @kafkajs/confluent-schema-registry (tests/js/it/read-kafka.mjs) consuming the topics of a prefix from the
/// beginning while the scenario runs (the sandbox's Kafka keeps a bounded log), decoding keys and values through the
/// registry into <see cref="Records"/>. Each record is decoded a second time by Confluent's AvroDeserializer
/// (<see cref="ConfluentRecordDecoder"/>); a record the two read differently counts as one that does not decode.
/// </summary>
internal sealed class KafkaRecordReader : IDisposable
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConfluentRecordDecoder _confluent;
    private BackgroundNodeScript? _script;

    private KafkaRecordReader(string registryUrl)
    {
        _confluent = new ConfluentRecordDecoder(registryUrl);
    }

    public DecodedRecords Records { get; } = new();

    /// <summary>
    /// Subscribes to <paramref name="topics"/> (created on first use) and, as they appear, every topic starting with
    /// "<paramref name="topicPrefix"/>." and the topic named exactly <paramref name="topicPrefix"/>, where the connector
    /// publishes events without a namespace (invalidate; docs/mapping.md).
    /// </summary>
    public static async Task<KafkaRecordReader> StartAsync(ItEndpoints endpoints, string topicPrefix, params string[] topics)
    {
        var input = new JsonObject
        {
            ["brokers"] = endpoints.KafkaBootstrapServers,
            ["registry"] = endpoints.SchemaRegistryUrl,
            ["topics"] = new JsonArray(topics.Select(t => (JsonNode)t).ToArray()),
            ["topicPattern"] = "^" + System.Text.RegularExpressions.Regex.Escape(topicPrefix) + @"(\.|$)",
            ["refreshMs"] = 500,
            ["groupId"] = UniqueNames.For("cdc-it-reader"),
        };
        var reader = new KafkaRecordReader(endpoints.SchemaRegistryUrl);
        reader._script = BackgroundNodeScript.Start("it/read-kafka.mjs", input.ToJsonString(), reader.OnLine);
        var first = await Task.WhenAny(reader._ready.Task, Task.Delay(Deadlines.Step)).ConfigureAwait(false);
        if (first != reader._ready.Task)
        {
            var stderr = reader._script.Stderr;
            reader.Dispose();
            throw new TimeoutException($"The Kafka reader did not join its group within {Deadlines.Step.TotalSeconds:0} s. stderr:\n{stderr}");
        }

        return reader;
    }

    /// <summary>
    /// The end of a scenario: waits for a record of every source event, then for stragglers (a replayed tail still on its
    /// way), then stops reading. True when every token arrived within <paramref name="timeout"/>.
    /// </summary>
    public async Task<bool> DrainAsync(IReadOnlyList<SourceEvent> truth, TimeSpan timeout)
    {
        var complete = await WaitForTokensAsync(truth.Select(e => e.Token), timeout).ConfigureAwait(false);
        await Records.WaitForQuietAsync(TimeSpan.FromMilliseconds(800), Deadlines.Step).ConfigureAwait(false);
        await StopAsync().ConfigureAwait(false);
        return complete;
    }

    /// <summary>Waits until a record carries each of <paramref name="tokens"/>; false at the deadline.</summary>
    public async Task<bool> WaitForTokensAsync(IEnumerable<string> tokens, TimeSpan timeout)
    {
        var wanted = tokens.ToList();
        var deadline = DateTime.UtcNow + timeout;
        while (!Records.ContainsAll(wanted))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(200).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Waits until at least <paramref name="count"/> records (data, tombstones, undecodable) were read; false at the deadline.</summary>
    public async Task<bool> WaitForCountAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Records.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(200).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Waits until at least one record satisfies <paramref name="predicate"/>; false at the deadline.</summary>
    public async Task<bool> WaitForAsync(Func<DecodedRecord, bool> predicate, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Records.Snapshot().Any(predicate))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(200).ConfigureAwait(false);
        }

        return true;
    }

    public Task StopAsync() => _script!.StopAsync(Deadlines.Step);

    public string Stderr => _script?.Stderr ?? string.Empty;

    /// <summary>Records both decoders read and compared (those avsc could not decode are not compared).</summary>
    public int CrossChecked => _confluent.Compared;

    public void Dispose()
    {
        _script?.Dispose();
        _confluent.Dispose();
    }

    private void OnLine(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (ScriptStatusLine.TryHandle(root, _ready))
        {
            return;
        }

        var disagreement = root.TryGetProperty("decodeError", out _) ? null : _confluent.Disagreement(root);
        Records.Add(arrival => DecodedRecord.Parse(arrival, root, disagreement));
    }
}
