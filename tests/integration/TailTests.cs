using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using Cdc.Tests.Shared;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 17: `cdc tail`, the real process, against what a real `cdc run` published. It prints every record as the
/// independent reader (kafkajs and avsc through the registry) sees it, in offset order within each partition; --max
/// stops it; by default it shows only what was written after it started and runs until SIGTERM; and each thing that
/// can go wrong (an unknown topic, no topic yet, Kafka or the registry unreachable, a record that does not decode) is
/// one clear error with its exit code.
/// </summary>
public sealed class TailTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    [Fact]
    public async Task From_the_beginning_it_prints_every_published_record_decoded_in_offset_order_as_an_independent_consumer_reads_it()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "tail_all", "orders", "customers");
        scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database));
        await scenario.WaitUntilStreamingAsync("orders");
        scenario.RunOperations(scenario.Database, Inserts("orders", 6).Concat(Inserts("customers", 3)).Concat(
        [
            Update("orders", "orders-0", 10), Update("orders", "orders-1", 11), Update("customers", "customers-0", 12),
            Delete("orders", "orders-2"), Delete("customers", "customers-1"), Update("orders", "orders-0", 13),
        ]).ToArray());
        var published = await ReadBackAsync(scenario, expected: 6 + 3 + 4 + 2 * 2);

        using var tail = await TailProcess.RunAsync(
            scenario.Directory, Deadlines.Step, "--config", scenario.Connector.ConfigPath!, "--from-beginning", "--json", "--max", published.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(tail.ExitCode == 0, tail.Describe());
        var lines = tail.StdoutLines.Select(TailRecordLine.Parse).ToList();
        AssertSameRecords(published, lines, tail);
        AssertOffsetOrderPerPartition(lines, tail);
        Assert.Contains(lines, l => l.Value is null);
        var start = tail.StderrLines[0];
        Assert.StartsWith("cdc tail: reading 2 topic(s), ", start, StringComparison.Ordinal);
        Assert.EndsWith($" partition(s), from the beginning: {scenario.Topic("customers")}, {scenario.Topic("orders")}", start, StringComparison.Ordinal);
        Assert.Equal($"cdc tail: {published.Count} record(s)", tail.StderrLines[^1]);
    }

    [Fact]
    public async Task Max_stops_after_that_many_records_with_exit_0_and_text_shows_a_header_and_the_value_of_each()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "tail_max", "orders");
        scenario.StartConnector(ConnectorConfig.CollectionScope(scenario.Database, "orders"));
        await scenario.WaitUntilStreamingAsync("orders");
        scenario.RunOperations(scenario.Database, [.. Inserts("orders", 5), Delete("orders", "orders-0")]);
        var published = await ReadBackAsync(scenario, expected: 5 + 2);

        using var tail = await TailProcess.RunAsync(scenario.Directory, Deadlines.Step, "--config", scenario.Connector.ConfigPath!, "--from-beginning", "--max", "4", scenario.Topic("orders"));

        Assert.True(tail.ExitCode == 0, tail.Describe());
        Assert.True(published.Count > 4, $"Only {published.Count} records were published: --max 4 would stop nothing.");
        Assert.Equal(8, tail.StdoutLines.Count);
        var positions = new List<(int Partition, long Offset)>();
        for (var i = 0; i < tail.StdoutLines.Count; i += 2)
        {
            var header = System.Text.RegularExpressions.Regex.Match(
                tail.StdoutLines[i], $@"^{System.Text.RegularExpressions.Regex.Escape(scenario.Topic("orders"))}\[(\d+)\]@(\d+)  \d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{{3}}Z  key=(.+)$");
            Assert.True(header.Success, $"Not a header line: {tail.StdoutLines[i]}\n{tail.Describe()}");
            var (partition, offset) = (int.Parse(header.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), long.Parse(header.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            positions.Add((partition, offset));
            var record = Assert.Single(published, r => r.Partition == partition && r.Offset == offset);
            Assert.Equal(record.DocumentKey, JsonText.Compact(header.Groups[3].Value));
            var value = tail.StdoutLines[i + 1];
            Assert.StartsWith("  ", value, StringComparison.Ordinal);
            if (record.IsTombstone)
            {
                Assert.Equal("  null (tombstone)", value);
            }
            else
            {
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(record.Value!.Value.GetRawText()), JsonNode.Parse(value)), $"{value}\nis not\n{record.Value}");
            }
        }

        Assert.Equal(4, positions.Distinct().Count());
        Assert.Equal("cdc tail: 4 record(s)", tail.StderrLines[^1]);
    }

    [Fact]
    public async Task By_default_it_prints_only_records_written_after_it_started_and_a_sigterm_ends_it_with_exit_0()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "tail_new", "orders");
        scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database));
        await scenario.WaitUntilStreamingAsync("orders");
        scenario.RunOperations(scenario.Database, [.. Inserts("orders", 3)]);
        var before = await ReadBackAsync(scenario, expected: 3);

        using var tail = TailProcess.Start(scenario.Directory, "--config", scenario.Connector.ConfigPath!, "--json");
        Assert.True(await tail.WaitUntilReadingAsync(Deadlines.Step), tail.Describe());
        scenario.RunOperations(scenario.Database, Update("orders", "orders-0", 7), Delete("orders", "orders-1"), Insert("orders", "after"));
        var all = await ReadBackAsync(scenario, expected: 3 + 1 + 2 + 1);
        var after = Since(before, all);
        Assert.True(await tail.WaitForStdoutLinesAsync(after.Count, Deadlines.Step), $"Expected {after.Count} records.\n{tail.Describe()}");
        tail.Terminate();

        Assert.Equal(0, await tail.WaitForExit(Deadlines.Step));
        var lines = tail.StdoutLines.Select(TailRecordLine.Parse).ToList();
        AssertSameRecords(after, lines, tail);
        Assert.Equal(["delete", "insert", "update"], lines.Where(l => l.Value is not null).Select(l => l.Value!["operationType"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal($"cdc tail: {after.Count} record(s)", tail.StderrLines[^1]);
    }

    [Fact]
    public async Task Without_named_topics_it_also_reads_a_topic_the_pipeline_creates_after_it_started_from_its_beginning()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "tail_later", "orders");
        scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database));
        await scenario.WaitUntilStreamingAsync("orders");
        var before = await ReadBackAsync(scenario, expected: 0);

        using var tail = TailProcess.Start(scenario.Directory, "--config", scenario.Connector.ConfigPath!, "--json");
        Assert.True(await tail.WaitUntilReadingAsync(Deadlines.Step), tail.Describe());
        Assert.EndsWith($"from the end (new records only): {scenario.Topic("orders")}", tail.StderrLines[0], StringComparison.Ordinal);
        scenario.RunOperations(scenario.Database, [.. Inserts("late", 3), Insert("orders", "after")]);
        var all = await ReadBackAsync(scenario, expected: 4);
        var after = Since(before, all);
        Assert.True(await tail.WaitForStdoutLinesAsync(after.Count, Deadlines.Step), $"Expected {after.Count} records.\n{tail.Describe()}");
        tail.Terminate();

        Assert.Equal(0, await tail.WaitForExit(Deadlines.Step));
        AssertSameRecords(after, tail.StdoutLines.Select(TailRecordLine.Parse).ToList(), tail);
        Assert.Contains(tail.StderrLines, line => line.StartsWith($"cdc tail: reading {scenario.Topic("late")} too, ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Records_that_do_not_decode_are_reported_with_their_position_and_why_the_others_printed_and_the_exit_is_3()
    {
        using var directory = new CheckScratchDirectory();
        var topic = UniqueNames.For("tail_bad");
        var (keyId, valueId) = await RegisterSchemasAsync(topic);
        var key = Framed(keyId, AvroString("""{"_id":1}"""));
        ProduceRecords(topic,
            (key, Framed(valueId, 0x02)),
            (key, null),
            (key, "plain text"u8.ToArray()),
            (key, Framed(2_000_000_000, 0x02)),
            (key, Framed(valueId)),
            (key, Framed(valueId, 0x04)));
        var config = WriteConfig(directory.Path, UniqueNames.For("tail_bad"));

        using var json = await TailProcess.RunAsync(directory.Path, Deadlines.Step, "--config", config, "--from-beginning", "--json", "--max", "6", topic);
        using var text = await TailProcess.RunAsync(directory.Path, Deadlines.Step, "--config", config, "--from-beginning", "--max", "6", topic);

        Assert.True(json.ExitCode == 3, json.Describe());
        var lines = json.StdoutLines.Select(TailRecordLine.Parse).ToList();
        Assert.Equal([0L, 1, 2, 3, 4, 5], lines.Select(l => l.Offset));
        Assert.Equal("""{"v":1}""", lines[0].Value!.ToJsonString());
        Assert.Equal("""{"_id":1}""", lines[0].DocumentKey);
        Assert.True(lines[1] is { Value: null, Error: null }, lines[1].Line);
        Assert.Equal("""{"v":2}""", lines[5].Value!.ToJsonString());
        var errors = new[]
        {
            "cannot decode the value: it is not Schema Registry framed Avro: Unknown magic byte 0x70 at offset 0; the Schema Registry wire format starts with 0x00",
            "cannot decode the value: its schema id 2000000000 is not in the Schema Registry (Schema Registry get schema by id 2000000000 failed at ",
            $"cannot decode the value: it is not Avro of its schema id {valueId} (it.Value): Truncated data: ",
        };
        for (var i = 0; i < errors.Length; i++)
        {
            var line = lines[2 + i];
            Assert.True(line is { Key: null, Value: null, Partition: 0 }, line.Line);
            Assert.Equal(topic, line.Topic);
            Assert.StartsWith(errors[i], line.Error, StringComparison.Ordinal);
            Assert.Contains($"cdc tail: {topic}[0]@{2 + i}: {errors[i]}", text.Stderr, StringComparison.Ordinal);
        }

        Assert.Equal("cdc tail: 6 record(s), 3 of them could not be decoded (exit 3)", json.StderrLines[^1]);
        Assert.True(text.ExitCode == 3, text.Describe());
        Assert.Equal(6, text.StdoutLines.Count);
        Assert.Equal(["  {\"v\":1}", "  null (tombstone)", "  {\"v\":2}"], text.StdoutLines.Where((_, i) => i % 2 == 1));
        Assert.All(text.StdoutLines.Where((_, i) => i % 2 == 0), header => Assert.EndsWith("  key={\"_id\":1}", header, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_closed_output_ends_it_with_exit_0_instead_of_reading_on()
    {
        using var directory = new CheckScratchDirectory();
        var topic = UniqueNames.For("tail_pipe");
        var (keyId, valueId) = await RegisterSchemasAsync(topic);
        var key = Framed(keyId, AvroString("""{"_id":1}"""));
        ProduceRecords(topic, (key, Framed(valueId, 0x02)), (key, Framed(valueId, 0x04)), (key, Framed(valueId, 0x06)));
        var config = WriteConfig(directory.Path, "tail_pipe");

        // Without --max, only the closed pipe can end it: `head` exits after the first line.
        var start = new System.Diagnostics.ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory.Path,
        };
        foreach (var argument in (string[])["-c", "dotnet \"$0\" tail --config \"$1\" --from-beginning --json \"$2\" | head -n 1; echo \"tail exit: ${PIPESTATUS[0]}\"", SandboxProcess.CdcDll, config, topic])
        {
            start.ArgumentList.Add(argument);
        }

        using var shell = System.Diagnostics.Process.Start(start)!;
        var stdout = shell.StandardOutput.ReadToEndAsync();
        var stderr = shell.StandardError.ReadToEndAsync();

        // A closed pipe shows only when the next line is written: if the three records went into the pipe before `head`
        // exited, that is the next record. One more is produced every second until the pipeline ends (60 at most).
        var exit = await ProcessSignals.WaitForExit(shell, TimeSpan.FromSeconds(1));
        for (var more = 0; exit is null && more < 60; more++)
        {
            ProduceRecords(topic, (key, Framed(valueId, 0x08)));
            exit = await ProcessSignals.WaitForExit(shell, TimeSpan.FromSeconds(1));
        }

        if (exit is null)
        {
            shell.Kill(entireProcessTree: true);
        }

        var described = $"stdout:\n{await stdout}\nstderr:\n{await stderr}";
        Assert.True(exit == 0, $"`cdc tail | head -n 1` did not end.\n{described}");
        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal(topic, TailRecordLine.Parse(lines[0]).Topic);
        Assert.True(lines[1] == "tail exit: 0", described);
        Assert.Contains("; the output was closed", await stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_named_topic_exits_1_naming_it_before_anything_is_read()
    {
        using var directory = new CheckScratchDirectory();
        var config = WriteConfig(directory.Path, "tail_unknown");
        var missing = UniqueNames.For("tail_missing");

        using var tail = await TailProcess.RunAsync(directory.Path, Deadlines.Step, "--config", config, "--from-beginning", missing);

        Assert.True(tail.ExitCode == 1, tail.Describe());
        Assert.Empty(tail.StdoutLines);
        var line = Assert.Single(tail.StderrLines);
        Assert.StartsWith($"cdc tail: topic '{missing}' does not exist on the Kafka cluster at {fixture.Endpoints.KafkaBootstrapServers} (kafka.bootstrapServers); nothing was read. Fix: name existing topics", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pipeline_without_topics_yet_exits_1_naming_its_topic_names_and_the_fix()
    {
        using var directory = new CheckScratchDirectory();
        var prefix = UniqueNames.For("tail_none");
        var config = WriteConfig(directory.Path, prefix);

        using var tail = await TailProcess.RunAsync(directory.Path, Deadlines.Step, "--config", config);

        Assert.True(tail.ExitCode == 1, tail.Describe());
        var line = Assert.Single(tail.StderrLines);
        Assert.Equal(
            $"cdc tail: no topic of pipeline '{prefix}' exists on the Kafka cluster at {fixture.Endpoints.KafkaBootstrapServers} (kafka.bootstrapServers): "
            + $"it publishes to \"{prefix}.shop.<collection>\", each created at its first record. Fix: run the connector (`cdc run`) until it has published a change, "
            + "check kafka.topicPrefix, or name the topics to read",
            line);
    }

    [Fact]
    public async Task Unreachable_brokers_exit_1_after_a_bounded_wait_naming_kafka_bootstrapServers()
    {
        using var directory = new CheckScratchDirectory();
        var port = CheckCommandTests.ClosedPort();
        var config = WriteConfig(directory.Path, "tail_nokafka", c => c["kafka"]!["bootstrapServers"] = $"127.0.0.1:{port}");

        using var tail = await TailProcess.RunAsync(directory.Path, Deadlines.Step, "--config", config, "--from-beginning");

        Assert.True(tail.ExitCode == 1, tail.Describe());
        var line = Assert.Single(tail.StderrLines);
        Assert.StartsWith($"cdc tail: no cluster metadata from the Kafka brokers at 127.0.0.1:{port} (kafka.bootstrapServers) within 15 s: ", line, StringComparison.Ordinal);
        Assert.EndsWith(
            "; fix: check kafka.bootstrapServers, that the brokers are up and reachable from here (their advertised listeners too), and the security settings under kafka.producer (security.protocol, sasl.*, ssl.*)",
            line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_schema_registry_exits_1_naming_schemaRegistry_url()
    {
        using var directory = new CheckScratchDirectory();
        var port = CheckCommandTests.ClosedPort();
        var config = WriteConfig(directory.Path, "tail_noregistry", c => c["schemaRegistry"]!["url"] = $"http://127.0.0.1:{port}");

        using var tail = await TailProcess.RunAsync(directory.Path, Deadlines.Step, "--config", config);

        Assert.True(tail.ExitCode == 1, tail.Describe());
        var line = Assert.Single(tail.StderrLines);
        Assert.StartsWith($"cdc tail: schemaRegistry: Schema Registry get compatibility level failed: http://127.0.0.1:{port} → no answer (", line, StringComparison.Ordinal);
        Assert.EndsWith("; fix: check schemaRegistry.url and that the registry is up and reachable from here", line, StringComparison.Ordinal);
    }

    /// <summary>
    /// What the independent reader read of the scenario's topics once <paramref name="expected"/> records other than the
    /// sentinels of <see cref="ConnectorScenario.WaitUntilStreamingAsync"/> arrived and no more came.
    /// </summary>
    private static async Task<IReadOnlyList<DecodedRecord>> ReadBackAsync(ConnectorScenario scenario, int expected)
    {
        var deadline = DateTime.UtcNow + Deadlines.Step;
        while (scenario.Reader.Records.Snapshot().Count(r => !IsSentinel(r)) < expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The reader did not read {expected} records besides the sentinels.\n{scenario.Connector.Describe()}");
            await Task.Delay(200);
        }

        await scenario.Reader.Records.WaitForQuietAsync(TimeSpan.FromMilliseconds(800), Deadlines.Step);
        var records = scenario.Reader.Records.Snapshot();
        Assert.All(records, r => Assert.Null(r.DecodeError));
        return records;
    }

    /// <summary>The records of <paramref name="all"/> at positions <paramref name="before"/> did not have.</summary>
    private static List<DecodedRecord> Since(IReadOnlyList<DecodedRecord> before, IReadOnlyList<DecodedRecord> all) =>
        all.Where(r => !before.Any(b => b.Topic == r.Topic && b.Partition == r.Partition && b.Offset == r.Offset)).ToList();

    private static bool IsSentinel(DecodedRecord record) => record.DocumentKey?.Contains("sentinel-", StringComparison.Ordinal) == true;

    /// <summary>Each record the reader read is one tail line at the same position with the same timestamp, key and value, and there is no other line.</summary>
    private static void AssertSameRecords(IReadOnlyList<DecodedRecord> read, List<TailRecordLine> tailed, TailProcess tail)
    {
        Assert.True(read.Count == tailed.Count, $"The reader read {read.Count} records, tail printed {tailed.Count}.\n{tail.Describe()}");
        foreach (var record in read)
        {
            var line = tailed.SingleOrDefault(l => l.Topic == record.Topic && l.Partition == record.Partition && l.Offset == record.Offset);
            Assert.True(line is not null, $"tail did not print {record}.\n{tail.Describe()}");
            Assert.Null(line.Error);
            Assert.Equal(record.DocumentKey, line.DocumentKey);
            Assert.Equal(record.TimestampMs, line.TimestampMs);
            var expected = record.Value is { } value ? JsonNode.Parse(value.GetRawText()) : null;
            Assert.True(JsonNode.DeepEquals(expected, line.Value), $"{line.Line}\nhas another value than the reader read:\n{record.Value}");
        }
    }

    private static void AssertOffsetOrderPerPartition(IReadOnlyList<TailRecordLine> lines, TailProcess tail)
    {
        foreach (var partition in lines.GroupBy(l => (l.Topic, l.Partition)))
        {
            var offsets = partition.Select(l => l.Offset).ToList();
            Assert.True(offsets.SequenceEqual(offsets.Order()), $"{partition.Key}: offsets {string.Join(",", offsets)} are not in order.\n{tail.Describe()}");
        }
    }

    private string WriteConfig(string directory, string names, Action<JsonObject>? adjust = null)
    {
        var config = ConnectorConfig.Create(fixture.Endpoints, names, names, directory, ConnectorConfig.DatabaseScope("shop"));
        adjust?.Invoke(config);
        var path = Path.Combine(directory, "tail.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    private void ProduceRecords(string topic, params (byte[]? Key, byte[]? Value)[] records)
    {
        var input = new JsonObject
        {
            ["brokers"] = fixture.Endpoints.KafkaBootstrapServers,
            ["topic"] = topic,
            ["partition"] = 0,
            ["records"] = new JsonArray(records.Select(r => (JsonNode)new JsonObject
            {
                ["keyBase64"] = r.Key is null ? null : Convert.ToBase64String(r.Key),
                ["valueBase64"] = r.Value is null ? null : Convert.ToBase64String(r.Value),
            }).ToArray()),
        };
        NodeScript.Run("it/produce-records.mjs", input.ToJsonString() + "\n", Deadlines.Step);
    }

    /// <summary>A key schema (one string field, documentKey) and a value schema (one int, v) under the topic's subjects.</summary>
    private async Task<(int KeyId, int ValueId)> RegisterSchemasAsync(string topic)
    {
        using var registry = new SchemaRegistryAdmin(fixture.Endpoints.SchemaRegistryUrl);
        var keyId = await registry.RegisterAsync($"{topic}-key", """{"type":"record","name":"Key","namespace":"it","fields":[{"name":"documentKey","type":"string"}]}""");
        var valueId = await registry.RegisterAsync($"{topic}-value", """{"type":"record","name":"Value","namespace":"it","fields":[{"name":"v","type":"int"}]}""");
        return (keyId, valueId);
    }

    private static byte[] Framed(int schemaId, params byte[] avro)
    {
        var framed = new byte[5 + avro.Length];
        BinaryPrimitives.WriteInt32BigEndian(framed.AsSpan(1), schemaId);
        avro.CopyTo(framed, 5);
        return framed;
    }

    /// <summary>An Avro string: its UTF-8 length as a zigzag varint (under 64 bytes here: one byte), then the bytes.</summary>
    private static byte[] AvroString(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        return [(byte)(utf8.Length * 2), .. utf8];
    }

    private static IEnumerable<JsonObject> Inserts(string collection, int count) =>
        Enumerable.Range(0, count).Select(i => Insert(collection, $"{collection}-{i}"));

    private static JsonObject Insert(string collection, string id) =>
        new() { ["op"] = "insert", ["coll"] = collection, ["doc"] = new JsonObject { ["_id"] = id, ["v"] = 1, ["name"] = "Zoë" } };

    private static JsonObject Update(string collection, string id, int v) =>
        new() { ["op"] = "update", ["coll"] = collection, ["id"] = id, ["update"] = new JsonObject { ["$set"] = new JsonObject { ["v"] = v } } };

    private static JsonObject Delete(string collection, string id) => new() { ["op"] = "delete", ["coll"] = collection, ["id"] = id };
}
