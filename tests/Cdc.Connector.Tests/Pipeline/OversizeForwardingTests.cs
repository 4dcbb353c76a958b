using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Avro.Generic;
using Avro.IO;
using Cdc.Connector.Checkpoint;
using Cdc.Connector.Configuration;
using Cdc.Connector.Observability;
using Cdc.Connector.Pipeline;
using Cdc.Connector.Registry;
using Cdc.Connector.Sink;
using Cdc.Sandbox.SchemaRegistry;
using Cdc.Schemas.ExtendedJson;
using Cdc.Schemas.Mapping;
using Cdc.Schemas.Registry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cdc.Connector.Tests.Pipeline;

/// <summary>
/// Issue 20, item 3: a record over kafka.producer.message.max.bytes is weighed before it is tracked or produced, and
/// mapping.oversize decides: stop (fail), a small dead-letter record (deadLetter), or the record with its largest bodies
/// replaced by references (reference).
/// </summary>
public sealed class OversizeForwardingTests : IAsyncLifetime, IDisposable
{
    private const long Limit = 2_000;

    private InMemorySchemaRegistry _registry = null!;
    private RegistryClient _client = null!;

    public async Task InitializeAsync()
    {
        _registry = await InMemorySchemaRegistry.StartAsync();
        _client = RegistryClient.Create(new RegistryClientOptions { Urls = [_registry.Url] });
    }

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    public void Dispose() => _client.Dispose();

    [Fact]
    public void Oversized_record_stops_the_connector_by_default_even_with_a_dead_letter_topic_before_it_is_tracked()
    {
        var watermark = new AckWatermark(16, 1 << 20);
        using var publisher = new FakeRecordPublisher(watermark, autoAck: false, hasDeadLetterTopic: true);
        var counters = new PipelineCounters();
        var forwarder = Forwarder(watermark, publisher, OversizePolicy.Fail, counters);
        Assert.True(forwarder.Forward(ChangeEvents.Insert(1), null, CancellationToken.None));

        var error = Assert.Throws<RecordTooLargeException>(() => forwarder.Forward(ChangeEvents.InsertWithNote(7, new string('x', 3_000)), null, CancellationToken.None));

        Assert.Equal(1, watermark.NextSequence); // only the first event was tracked: nothing at or after the oversized one can commit
        Assert.Single(publisher.Records);
        Assert.Equal(1, counters.OversizeFailed);
        var message = error.Message;
        Assert.Contains("the insert event on shop.orders", message, StringComparison.Ordinal);
        Assert.Contains($"resume token {ChangeEvents.Data(7)}", message, StringComparison.Ordinal);
        Assert.Contains("""documentKey {"_id":{"$numberInt":"7"}}""", message, StringComparison.Ordinal);
        Assert.Contains("for topic 'cdc.shop.orders'", message, StringComparison.Ordinal);
        Assert.Contains("kafka.producer.message.max.bytes (2,000", message, StringComparison.Ordinal);
        Assert.Contains("the topic's max.message.bytes", message, StringComparison.Ordinal);
        Assert.Contains("the broker's message.max.bytes", message, StringComparison.Ordinal);
        Assert.Contains("for consumers built on librdkafka receive.message.max.bytes", message, StringComparison.Ordinal);
        Assert.Contains("mapping.oversize=deadLetter (with kafka.deadLetterTopic)", message, StringComparison.Ordinal);
        Assert.Contains("mapping.oversize=reference", message, StringComparison.Ordinal);
        Assert.Equal(FailureAction.Stop, FailureClassifier.Classify(error, new PipelineSettings(), position: null).Action);
    }

    [Fact]
    public void A_long_documentKey_is_shortened_in_the_failure_message()
    {
        var watermark = new AckWatermark(16, 1 << 20);
        using var publisher = new FakeRecordPublisher(watermark, autoAck: false, hasDeadLetterTopic: false);
        var forwarder = Forwarder(watermark, publisher, OversizePolicy.Fail, limit: 3_000);
        var id = new string('k', 1_000);

        var error = Assert.Throws<RecordTooLargeException>(() => forwarder.Forward(InsertWithKey(3, id, new string('x', 3_000)), null, CancellationToken.None));

        Assert.DoesNotContain(id, error.Message, StringComparison.Ordinal);
        Assert.Contains("""documentKey {"_id":"kkkk""", error.Message, StringComparison.Ordinal);
        Assert.Contains("… (1,010 characters)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeadLetter_sends_a_small_json_record_with_the_records_key_and_headers_and_commits_only_once_it_is_acknowledged()
    {
        var watermark = new AckWatermark(16, 1 << 20);
        using var publisher = new FakeRecordPublisher(watermark, autoAck: false, hasDeadLetterTopic: true);
        var counters = new PipelineCounters();
        var forwarder = Forwarder(watermark, publisher, OversizePolicy.DeadLetter, counters);
        Assert.True(forwarder.Forward(ChangeEvents.Insert(7), null, CancellationToken.None));

        Assert.True(forwarder.Forward(ChangeEvents.InsertWithNote(7, new string('x', 3_000)), null, CancellationToken.None));

        var (change, dead) = (publisher.Records[0], publisher.Records[1]);
        Assert.True(dead.DeadLetter);
        Assert.Equal(change.Key, dead.Key); // the same framed key: the same partition as the document's change records
        Assert.True(dead.Key!.Length + dead.Value!.Length < 500, $"{dead.Value!.Length} bytes of value");
        using var json = JsonDocument.Parse(dead.Value);
        var value = json.RootElement;
        var recordBytes = value.GetProperty("recordBytes").GetInt64();
        Assert.True(recordBytes > 3_000);
        Assert.Equal($"record of {recordBytes:N0} bytes exceeds message.max.bytes (2,000)", value.GetProperty("reason").GetString());
        Assert.Equal("shop.orders", value.GetProperty("namespace").GetString());
        Assert.Equal("cdc.shop.orders", value.GetProperty("topic").GetString());
        Assert.Equal("insert", value.GetProperty("operationType").GetString());
        Assert.Equal(ChangeEvents.Data(7), value.GetProperty("resumeToken").GetString());
        Assert.Equal("""{"_id":{"$numberInt":"7"}}""", value.GetProperty("documentKey").GetRawText());
        Assert.Equal(Limit, value.GetProperty("messageMaxBytes").GetInt64());
        var headers = dead.DeadLetterRecord!;
        Assert.Equal(value.GetProperty("reason").GetString(), headers.Header(DeadLetterHeaders.Reason));
        Assert.Equal("cdc.shop.orders", headers.Header(DeadLetterHeaders.Topic));
        Assert.Equal(recordBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), headers.Header(DeadLetterHeaders.RecordBytes));
        Assert.Equal(ChangeEvents.Data(7), headers.Header(DeadLetterHeaders.ResumeToken));
        Assert.Equal("insert", headers.Header(DeadLetterHeaders.OperationType));
        Assert.Equal("shop.orders", headers.Header(DeadLetterHeaders.Namespace));

        publisher.Ack(change.Sequence);
        Assert.Equal(1, watermark.CommittableSequence); // the dead-lettered event waits for its record's acknowledgement
        publisher.Ack(dead.Sequence);
        Assert.Equal(2, watermark.CommittableSequence);
        Assert.Equal((1, 1), (counters.DeadLettered, counters.OversizeDeadLettered));
    }

    [Fact]
    public void A_dead_lettered_delete_is_still_followed_by_its_tombstone_and_commits_once_they_are_acknowledged()
    {
        var delete = ExtendedJsonParser.ParseDocument($$"""
            { "_id": { "_data": "{{ChangeEvents.Data(2)}}" }, "operationType": "delete", "clusterTime": { "$timestamp": { "t": 2, "i": 1 } },
              "ns": { "db": "shop", "coll": "orders" }, "documentKey": { "_id": 2 }, "fullDocumentBeforeChange": { "_id": 2, "note": "{{new string('p', 3_000)}}" } }
            """);
        var watermark = new AckWatermark(16, 1 << 20);
        using var publisher = new FakeRecordPublisher(watermark, autoAck: false, hasDeadLetterTopic: true);
        var counters = new PipelineCounters();

        Assert.True(Forwarder(watermark, publisher, OversizePolicy.DeadLetter, counters).Forward(delete, null, CancellationToken.None));

        var (dead, tombstone) = (publisher.Records[0], publisher.Records[1]);
        Assert.True(dead.DeadLetter);
        Assert.Equal(("cdc.shop.orders", false), (tombstone.Topic, tombstone.DeadLetter));
        Assert.Null(tombstone.Value);
        Assert.Equal(dead.Key, tombstone.Key);
        Assert.Equal(1, counters.Tombstones);
        Assert.Equal(0, watermark.CommittableSequence);
        publisher.Ack(dead.Sequence);
        Assert.Equal(1, watermark.CommittableSequence);
    }

    [Fact]
    public void DeadLetter_stops_when_the_dead_letter_record_itself_is_too_large_for_its_key()
    {
        var watermark = new AckWatermark(16, 1 << 20);
        using var publisher = new FakeRecordPublisher(watermark, autoAck: false, hasDeadLetterTopic: true);
        var counters = new PipelineCounters();
        var forwarder = Forwarder(watermark, publisher, OversizePolicy.DeadLetter, counters);

        var error = Assert.Throws<RecordTooLargeException>(() => forwarder.Forward(InsertWithKey(4, new string('k', 2_500), "small"), null, CancellationToken.None));

        Assert.Contains("mapping.oversize is deadLetter, but its dead-letter record is over the limit too", error.Message, StringComparison.Ordinal);
        Assert.Contains("the documentKey alone is too large", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, watermark.NextSequence);
        Assert.Empty(publisher.Records);
        Assert.Equal(1, counters.OversizeFailed);
    }

    [Fact]
    public void Reference_replaces_the_largest_bodies_until_the_record_fits_with_their_hashes_and_a_header_leaving_the_rest_unchanged()
    {
        var preImage = $$"""{ "_id": 5, "before": "{{new string('b', 1_500)}}" }""";
        var postImage = $$"""{ "_id": 5, "after": "{{new string('a', 1_200)}}", "n": { "$numberLong": "9" } }""";
        var update = UpdateWithImages(5, preImage, postImage);
        var watermark = new AckWatermark(16, 1 << 20);
        using var publisher = new FakeRecordPublisher(watermark, autoAck: false, hasDeadLetterTopic: false);
        var counters = new PipelineCounters();

        Assert.True(Forwarder(watermark, publisher, OversizePolicy.Reference, counters, limit: 1_000).Forward(update, null, CancellationToken.None));

        var record = Assert.Single(publisher.Records);
        Assert.False(record.DeadLetter);
        Assert.True(record.Headers!.TryGetLastBytes(OmittedHeader.Name, out var omitted));
        Assert.Equal("fullDocumentBeforeChange,fullDocument", Encoding.UTF8.GetString(omitted));
        Assert.True(RecordSize.Fits(1_000, record.Key!.Length, record.Value!.Length, RecordSize.HeaderBytes(record.Headers)));
        var referenced = Decode(record.Value);
        Assert.Equal(Marker(postImage), referenced["fullDocument"]);
        Assert.Equal(Marker(preImage), referenced["fullDocumentBeforeChange"]);

        // Everything else is what the event maps to without a limit, under the same schema.
        var plainWatermark = new AckWatermark(16, 1 << 20);
        using var plainPublisher = new FakeRecordPublisher(plainWatermark, autoAck: false, hasDeadLetterTopic: false);
        Assert.True(Forwarder(plainWatermark, plainPublisher, OversizePolicy.Fail, limit: 100_000).Forward(update, null, CancellationToken.None));
        var plainRecord = Assert.Single(plainPublisher.Records);
        Assert.Equal(plainRecord.Key, record.Key);
        Assert.Equal(SchemaIdOf(plainRecord.Value!), SchemaIdOf(record.Value));
        var plain = Decode(plainRecord.Value!);
        foreach (var field in plain.Schema.Fields.Select(f => f.Name).Except(["fullDocument", "fullDocumentBeforeChange"]))
        {
            Assert.Equal(Describe(plain[field]), Describe(referenced[field]));
        }

        Assert.Equal(0, watermark.CommittableSequence);
        publisher.AckAll();
        Assert.Equal(1, watermark.CommittableSequence);
        Assert.Equal(1, counters.OversizeReferenced);
    }

    [Fact]
    public void Reference_replaces_only_as_many_bodies_as_it_takes()
    {
        var update = UpdateWithImages(6, $$"""{ "_id": 6, "before": "{{new string('b', 1_500)}}" }""", """{ "_id": 6, "after": "small" }""");
        var watermark = new AckWatermark(16, 1 << 20);
        using var publisher = new FakeRecordPublisher(watermark, autoAck: false, hasDeadLetterTopic: false);

        Assert.True(Forwarder(watermark, publisher, OversizePolicy.Reference, limit: 1_000).Forward(update, null, CancellationToken.None));

        var record = Assert.Single(publisher.Records);
        Assert.True(record.Headers!.TryGetLastBytes(OmittedHeader.Name, out var omitted));
        Assert.Equal("fullDocumentBeforeChange", Encoding.UTF8.GetString(omitted));
        Assert.Equal("""{"_id":6,"after":"small"}""", Decode(record.Value!)["fullDocument"]);
    }

    [Fact]
    public void Reference_stops_when_even_every_body_replaced_does_not_fit()
    {
        var update = UpdateWithImages(8, $$"""{ "_id": 8, "before": "{{new string('b', 1_500)}}" }""", $$"""{ "_id": 8, "after": "{{new string('a', 1_500)}}" }""");
        var watermark = new AckWatermark(16, 1 << 20);
        using var publisher = new FakeRecordPublisher(watermark, autoAck: false, hasDeadLetterTopic: false);
        var counters = new PipelineCounters();

        var error = Assert.Throws<RecordTooLargeException>(
            () => Forwarder(watermark, publisher, OversizePolicy.Reference, counters, limit: 300).Forward(update, null, CancellationToken.None));

        Assert.Contains(
            "mapping.oversize is reference, but with every document body replaced (fullDocumentBeforeChange,fullDocument,updateDescription.updatedFields) the record is still ",
            error.Message,
            StringComparison.Ordinal);
        Assert.Contains("the connector stops here", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, watermark.NextSequence);
        Assert.Empty(publisher.Records);
        Assert.Equal(1, counters.OversizeFailed);
    }

    [Fact]
    public void A_typed_value_over_the_limit_stops_the_connector_before_it_is_tracked()
    {
        var watermark = new AckWatermark(16, 1 << 20);
        using var publisher = new FakeRecordPublisher(watermark, autoAck: false, hasDeadLetterTopic: true);
        var forwarder = Forwarder(watermark, publisher, OversizePolicy.Fail, typed: true);

        var error = Assert.Throws<RecordTooLargeException>(() => forwarder.Forward(ChangeEvents.InsertWithNote(9, new string('x', 3_000)), null, CancellationToken.None));

        Assert.Contains("the insert event on shop.orders", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, watermark.NextSequence);
        Assert.Empty(publisher.Records);
    }

    [Fact]
    public void A_typed_value_over_the_limit_is_dead_lettered_under_deadLetter()
    {
        var watermark = new AckWatermark(16, 1 << 20);
        using var publisher = new FakeRecordPublisher(watermark, autoAck: true, hasDeadLetterTopic: true);
        var forwarder = Forwarder(watermark, publisher, OversizePolicy.DeadLetter, typed: true);

        Assert.True(forwarder.Forward(ChangeEvents.InsertWithNote(9, new string('x', 3_000)), null, CancellationToken.None));

        var dead = Assert.Single(publisher.Records);
        Assert.True(dead.DeadLetter);
        Assert.Equal("shop.orders", dead.DeadLetterRecord!.Header(DeadLetterHeaders.Namespace));
    }

    private static byte[] InsertWithKey(int n, string id, string note) => ExtendedJsonParser.ParseDocument($$"""
        { "_id": { "_data": "{{ChangeEvents.Data(n)}}" }, "operationType": "insert", "clusterTime": { "$timestamp": { "t": {{n}}, "i": 1 } },
          "ns": { "db": "shop", "coll": "orders" }, "documentKey": { "_id": "{{id}}" }, "fullDocument": { "_id": "{{id}}", "note": "{{note}}" } }
        """);

    private static byte[] UpdateWithImages(int n, string preImage, string postImage) => ExtendedJsonParser.ParseDocument($$"""
        { "_id": { "_data": "{{ChangeEvents.Data(n)}}" }, "operationType": "update", "clusterTime": { "$timestamp": { "t": {{n}}, "i": 1 } },
          "wallTime": { "$date": "2024-03-12T18:41:22.456Z" }, "ns": { "db": "shop", "coll": "orders" }, "documentKey": { "_id": {{n}} },
          "updateDescription": { "updatedFields": { "after": "new" }, "removedFields": [ "gone" ], "truncatedArrays": [] },
          "fullDocument": {{postImage}}, "fullDocumentBeforeChange": {{preImage}}, "txnNumber": { "$numberLong": "3" } }
        """);

    /// <summary>The marker for a body, computed here from its BSON: the bytes the event carries for it.</summary>
    private static string Marker(string bodyJson)
    {
        var bson = ExtendedJsonParser.ParseDocument(bodyJson);
        return $$$"""{"$cdcOmitted":{"bsonBytes":{{{bson.Length}}},"sha256":"{{{Convert.ToHexStringLower(SHA256.HashData(bson))}}}"}}""";
    }

    private static int SchemaIdOf(byte[] framed) => BinaryPrimitives.ReadInt32BigEndian(framed.AsSpan(1));

    private static string Describe(object? value) => value switch
    {
        null => "null",
        GenericRecord record => "{" + string.Join(",", record.Schema.Fields.Select(f => f.Name + "=" + Describe(record[f.Name]))) + "}",
        System.Collections.IEnumerable items and not string => "[" + string.Join(",", items.Cast<object?>().Select(Describe)) + "]",
        _ => value.ToString() ?? "null",
    };

    private GenericRecord Decode(byte[] framed)
    {
        var schema = Avro.Schema.Parse(_registry.Store.GetSchema(SchemaIdOf(framed)));
        using var stream = new MemoryStream(framed, SchemaRegistryFraming.HeaderLength, framed.Length - SchemaRegistryFraming.HeaderLength);
        var record = (GenericRecord)new GenericDatumReader<object>(schema, schema).Read(null!, new BinaryDecoder(stream));
        Assert.Equal(stream.Length, stream.Position);
        return record;
    }

    private EventForwarder Forwarder(
        AckWatermark watermark, IRecordPublisher publisher, OversizePolicy policy, PipelineCounters? counters = null, long limit = Limit, bool typed = false)
    {
        var schemaIds = new SchemaIdCache(_client, SubjectNameStrategy.Topic, SchemaIdRetrySettings.Default, NullLogger.Instance);
        var typedEncoder = typed
            ? new TypedValueEncoder(new TypedSchemaLedger(_client, SubjectNameStrategy.Topic, SchemaIdRetrySettings.Default, NullLogger.Instance), TypedSchemaStarts.InferredOnly)
            : null;
        return new EventForwarder(
            new EventEncoding(new ChangeEventMapper(new MappingOptions()), schemaIds, new PipelineBuffers(), typedEncoder),
            watermark,
            publisher,
            new PipelineObservers(counters ?? new PipelineCounters(), new ConnectorStatus(), NullLogger.Instance))
        {
            IsDeadLetterEnabled = true,
            Oversize = policy,
            MessageMaxBytes = limit,
        };
    }
}
