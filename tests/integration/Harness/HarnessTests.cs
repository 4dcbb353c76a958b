using System.Text.Json;
using System.Text.Json.Nodes;
using Cdc.Tests.Shared;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>The harness's own parts, without the connector: the workload, the ground-truth watcher and the registry-decoding reader.</summary>
public sealed class HarnessTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    [Fact]
    public async Task The_watcher_sees_every_workload_write_with_v_increasing_per_document_also_in_transactions()
    {
        var database = UniqueNames.For("harness");
        using var watcher = await GroundTruthWatcher.StartAsync(fixture.Endpoints, "database", database);
        using (var plain = WorkloadWriter.Start(fixture.Endpoints, database, ["a", "b"], operations: 400, seed: 3))
        {
            output.WriteLine($"plain: {await plain.CompletionAsync(Deadlines.Workload)}");
        }

        JsonElement summary;
        using (var transactional = WorkloadWriter.Start(fixture.Endpoints, database, ["t"], operations: 100, transactionSize: 5, seed: 4))
        {
            summary = await transactional.CompletionAsync(Deadlines.Workload);
        }

        var truth = await watcher.StopAsync();

        Assert.Equal(20, summary.GetProperty("transactions").GetInt32());
        Assert.Equal(500, truth.Count);
        Assert.All(truth, e => Assert.Contains(e.OperationType, new[] { "insert", "update", "replace", "delete" }));
        foreach (var document in truth.Where(e => e.V is not null).GroupBy(e => e.DocumentKey))
        {
            var vs = document.Select(e => e.V!.Value).ToList();
            Assert.True(vs.SequenceEqual(vs.Order()) && vs.Distinct().Count() == vs.Count, $"{document.Key}: v {string.Join(",", vs)}");
            Assert.Equal(0, vs[0]);
        }
    }

    [Fact]
    public async Task The_reader_decodes_keys_values_and_tombstones_through_the_registry_and_picks_up_new_topics()
    {
        var prefix = UniqueNames.For("hr");
        using var reader = await KafkaRecordReader.StartAsync(fixture.Endpoints, prefix, $"{prefix}.db.first");
        Produce($"{prefix}.db.first", 4);
        Produce($"{prefix}.db.second", 2);

        // Both topics' records (the second topic's may come before the first's): eight in all, then a moment for strays.
        var all = await reader.WaitForAsync(r => r.Topic.EndsWith(".second", StringComparison.Ordinal) && r.IsTombstone, Deadlines.Step)
            && await reader.WaitForCountAsync(8, Deadlines.Step);
        await reader.Records.WaitForQuietAsync(TimeSpan.FromMilliseconds(500), Deadlines.Step);
        await reader.StopAsync();

        Assert.True(all, $"The reader did not get the second topic's records.\n{reader.Stderr}");
        var records = reader.Records;
        Assert.Empty(records.DecodeFailures());
        Assert.Equal(8, records.Count);
        Assert.Equal(8, reader.CrossChecked);
        Assert.Equal(2, records.Tombstones().Count);
        Assert.Equal(2, records.ByResumeToken("t1").Count);
        Assert.Equal("{\"_id\":\"d-1\"}", records.ByResumeToken("t1")[0].DocumentKey);
        Assert.Equal("t0,t3,tombstone", string.Join(",", records.ForDocument($"{prefix}.db.first", "{\"_id\":\"d-0\"}").Select(r => r.ResumeToken ?? "tombstone")));
    }

    [Fact]
    public async Task The_second_decoder_flags_a_record_it_reads_differently_from_avsc()
    {
        var subject = UniqueNames.For("harness-oracle") + "-value";
        int id;
        using (var admin = new SchemaRegistryAdmin(fixture.Endpoints.SchemaRegistryUrl))
        {
            id = await admin.RegisterAsync(subject, """{"type":"record","name":"R","fields":[{"name":"n","type":"long"},{"name":"s","type":["null","string"]}]}""");
        }

        // Framing (0x00, the id big-endian), then n = 5 (zigzag 0x0A), the union's branch 1 (0x02) and "hi" (length 2: 0x04).
        byte[] framed = [0, (byte)(id >> 24), (byte)(id >> 16), (byte)(id >> 8), (byte)id, 0x0A, 0x02, 0x04, (byte)'h', (byte)'i'];
        using var decoder = new ConfluentRecordDecoder(fixture.Endpoints.SchemaRegistryUrl);

        string? Check(string avscValue, byte[] bytes) => decoder.Disagreement(JsonDocument.Parse(
            $$"""{"topic":"t","key":null,"keyBytes":null,"value":{{avscValue}},"valueBytes":"{{Convert.ToBase64String(bytes)}}"}""").RootElement);

        Assert.Null(Check("""{"n":5,"s":"hi"}""", framed));
        Assert.Equal("Confluent's AvroDeserializer and avsc decode it differently: value.s: avsc read \"ho\", Apache.Avro \"hi\"", Check("""{"n":5,"s":"ho"}""", framed));
        Assert.Contains("value.n: avsc read 6, Apache.Avro 5", Check("""{"n":6,"s":"hi"}""", framed), StringComparison.Ordinal);
        Assert.Contains("value: Confluent's AvroDeserializer cannot read it", Check("""{"n":5,"s":"hi"}""", framed[..^1]), StringComparison.Ordinal);
    }

    private void Produce(string topic, int count)
    {
        var input = new JsonObject { ["brokers"] = fixture.Endpoints.KafkaBootstrapServers, ["registry"] = fixture.Endpoints.SchemaRegistryUrl, ["topic"] = topic, ["count"] = count };
        output.WriteLine(NodeScript.Run("it/produce-avro.mjs", input.ToJsonString() + "\n", Deadlines.Step));
    }
}
