using System.Buffers;
using Avro.Generic;
using Avro.IO;
using Cdc.Connector.MongoDb;
using Cdc.Connector.Registry;
using Cdc.Connector.Sink;
using Cdc.Sandbox.SchemaRegistry;
using Cdc.Schemas.Avro;
using Cdc.Schemas.Bson;
using Cdc.Schemas.ExtendedJson;
using Cdc.Schemas.Mapping;
using Cdc.Schemas.Registry;
using Cdc.Schemas.Typed;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cdc.Connector.Tests.Sink;

public sealed class TypedSchemaLedgerTests
{
    private const string Subject = "cdc.shop.orders-value";
    private const int CorpusSize = 10_000;

    [Fact]
    public async Task Under_backward_compatibility_each_document_with_a_new_field_or_type_creates_one_version_and_every_record_reads_with_the_latest()
    {
        await using var registry = await InMemorySchemaRegistry.StartAsync();
        registry.Store.GlobalLevel = CompatibilityLevel.Backward;
        var documents = DriftCorpus.Documents(CorpusSize).ToList();

        var run = Drift(registry, documents);

        Assert.Empty(run.Refused);
        Assert.Equal(documents.Count, run.Published.Count);
        var introducing = DocumentsIntroducingNewPairs(documents);
        Assert.True(introducing >= 10, $"the corpus should drift: only {introducing} documents brought a new field or type");
        Assert.Equal(1 + introducing, registry.Store.Versions(Subject).Count);
        Assert.Equal(introducing, run.Widenings);
        AssertEveryRecordReadsWithTheLatest(registry, run.Published);
    }

    [Theory]
    [InlineData("FORWARD")]
    [InlineData("FULL")]
    public async Task Under_forward_and_full_compatibility_new_fields_widen_and_a_new_type_is_the_documents_error(string level)
    {
        await using var registry = await InMemorySchemaRegistry.StartAsync();
        registry.Store.GlobalLevel = level == "FULL" ? CompatibilityLevel.Full : CompatibilityLevel.Forward;
        var documents = DriftCorpus.Documents(CorpusSize, typesDrift: false).ToList();

        var fields = Drift(registry, documents);

        // New fields are optional with a null default: an old reader skips them, a new one defaults them.
        Assert.Empty(fields.Refused);
        var introducing = DocumentsIntroducingNewPairs(documents);
        Assert.True(introducing >= 10, $"the corpus should drift: only {introducing} documents brought a new field");
        Assert.Equal(1 + introducing, registry.Store.Versions(Subject).Count);
        AssertEveryRecordReadsWithTheLatest(registry, fields.Published);

        // A new type in a known field needs a new union branch, which a reader of the old schema cannot read.
        var types = Drift(registry, DriftCorpus.Documents(CorpusSize).ToList());
        Assert.NotEmpty(types.Refused);
        Assert.All(types.Refused, message => Assert.Contains("not compatible under subject 'cdc.shop.orders-value''s compatibility level", message, StringComparison.Ordinal));
        Assert.Equal(1 + introducing, registry.Store.Versions(Subject).Count);
        AssertEveryRecordReadsWithTheLatest(registry, types.Published);
    }

    [Fact]
    public async Task A_restarted_connector_goes_on_from_the_latest_version_without_registering_again()
    {
        await using var registry = await InMemorySchemaRegistry.StartAsync();
        var documents = DriftCorpus.Documents(2_000).ToList();
        Drift(registry, documents);
        var versions = registry.Store.Versions(Subject).Count;

        var again = Drift(registry, documents);

        Assert.Equal(0, again.Widenings);
        Assert.Equal(versions, registry.Store.Versions(Subject).Count);
        Assert.All(again.Published, record => Assert.Equal(registry.Store.GetVersion(Subject, "latest").Id, record.SchemaId));
    }

    [Fact]
    public async Task A_subject_that_holds_another_kind_of_schema_stops_the_connector_with_the_fix()
    {
        await using var registry = await InMemorySchemaRegistry.StartAsync();
        var route = Route();
        registry.Store.Register(Subject, route.Schemas.Value.ToJson()); // the envelope of an earlier mapping.value=envelope run
        using var client = RegistryClient.Create(new RegistryClientOptions { Urls = [registry.Url] });
        var ledger = new TypedSchemaLedger(client, SubjectNameStrategy.Topic, SchemaIdRetrySettings.Default, NullLogger.Instance);

        var error = Assert.Throws<SchemaIdRegistrationException>(() => ledger.Resolve(route, TypedSchemaStarts.InferredOnly, DriftCorpus.Documents(1).Single(), CancellationToken.None));

        Assert.Contains("subject 'cdc.shop.orders-value' is not a typed value schema", error.Message, StringComparison.Ordinal);
        Assert.Contains("publish typed values to another topic", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declared_schema_never_widens_and_a_document_that_does_not_fit_it_is_the_events_error()
    {
        await using var registry = await InMemorySchemaRegistry.StartAsync();
        var route = Route();
        var declared = (AvroRecordSchema)AvroSchema.Parse(
            $$"""{"type":"record","name":"{{route.Schemas.Value.Name}}","namespace":"{{route.Schemas.Value.Namespace}}","fields":[{"name":"_id","type":"int"}]}""");
        using var client = RegistryClient.Create(new RegistryClientOptions { Urls = [registry.Url] });
        var ledger = new TypedSchemaLedger(client, SubjectNameStrategy.Topic, SchemaIdRetrySettings.Default, NullLogger.Instance);
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        writer.WriteString("_id", "not-an-int");
        writer.WriteEndDocument();
        var document = writer.ToArray();

        var starts = new TypedSchemaStarts(new Dictionary<string, AvroRecordSchema> { ["shop.orders"] = declared }, null, NullLogger.Instance);
        var entry = ledger.Resolve(route, starts, document, CancellationToken.None);
        var result = new TypedValueWriter().Write(entry.Plan, Metadata(), document, new ArrayBufferWriter<byte>());
        var error = Assert.Throws<ChangeEventMappingException>(() => ledger.Widen(route, entry, document, result.Message, CancellationToken.None));

        Assert.False(result.Fits);
        Assert.Contains("does not fit the schema declared for shop.orders (mapping.schemas)", error.Message, StringComparison.Ordinal);
        Assert.Single(registry.Store.Versions(Subject));
    }

    [Fact]
    public async Task A_validators_schema_starts_a_new_subject_and_a_restart_does_not_read_the_validator_again()
    {
        await using var registry = await InMemorySchemaRegistry.StartAsync();
        using var client = RegistryClient.Create(new RegistryClientOptions { Urls = [registry.Url] });
        var route = Route();
        var reads = 0;
        var jsonSchema = ExtendedJsonParser.ParseDocument("""{ "bsonType": "object", "properties": { "_id": { "bsonType": "int" }, "note": { "bsonType": "string" } } }""");
        var starts = new TypedSchemaStarts(
            new Dictionary<string, AvroRecordSchema>(),
            (db, coll) =>
            {
                reads++;
                return CollectionValidator.WithJsonSchema(db, coll, jsonSchema);
            },
            NullLogger.Instance);
        var document = DriftCorpus.Documents(1).Single();

        new TypedSchemaLedger(client, SubjectNameStrategy.Topic, SchemaIdRetrySettings.Default, NullLogger.Instance).Resolve(route, starts, document, CancellationToken.None);
        var restarted = new TypedSchemaLedger(client, SubjectNameStrategy.Topic, SchemaIdRetrySettings.Default, NullLogger.Instance).Resolve(route, starts, document, CancellationToken.None);

        Assert.Equal(1, reads);
        Assert.Contains("\"note\"", registry.Store.GetSchema(registry.Store.GetVersion(Subject, "1").Id), StringComparison.Ordinal);
        Assert.Equal(registry.Store.GetVersion(Subject, "1").Id, restarted.SchemaId);
    }

    private static DriftRun Drift(InMemorySchemaRegistry registry, List<byte[]> documents)
    {
        using var client = RegistryClient.Create(new RegistryClientOptions { Urls = [registry.Url] });
        var ledger = new TypedSchemaLedger(client, SubjectNameStrategy.Topic, SchemaIdRetrySettings.Default, NullLogger.Instance);
        var route = Route();
        var writer = new TypedValueWriter();
        var output = new ArrayBufferWriter<byte>();
        var published = new List<PublishedValue>();
        var refused = new List<string>();
        for (var i = 0; i < documents.Count; i++)
        {
            var document = documents[i];
            var entry = ledger.Resolve(route, TypedSchemaStarts.InferredOnly, document, CancellationToken.None);
            output.ResetWrittenCount();
            var result = writer.Write(entry.Plan, Metadata(), document, output);
            if (!result.Fits)
            {
                try
                {
                    entry = ledger.Widen(route, entry, document, result.Message, CancellationToken.None);
                }
                catch (ChangeEventMappingException e)
                {
                    refused.Add(e.Message);
                    continue;
                }

                output.ResetWrittenCount();
                result = writer.Write(entry.Plan, Metadata(), document, output);
                Assert.True(result.Fits, $"document {i} does not fit the schema widened for it: {result.Message}");
            }

            published.Add(new PublishedValue(i, entry.SchemaId, output.WrittenSpan.ToArray()));
        }

        return new DriftRun(published, refused, ledger.Widenings);
    }

    /// <summary>Apache.Avro reads each record with the schema it was written with and the subject's latest as the reader's.</summary>
    private static void AssertEveryRecordReadsWithTheLatest(InMemorySchemaRegistry registry, IReadOnlyList<PublishedValue> published)
    {
        var latest = Avro.Schema.Parse(registry.Store.GetSchema(registry.Store.GetVersion(Subject, "latest").Id));
        var writers = new Dictionary<int, Avro.Schema>();
        foreach (var record in published)
        {
            if (!writers.TryGetValue(record.SchemaId, out var writerSchema))
            {
                writerSchema = Avro.Schema.Parse(registry.Store.GetSchema(record.SchemaId));
                writers.Add(record.SchemaId, writerSchema);
            }

            using var stream = new MemoryStream(record.Payload, writable: false);
            var value = (GenericRecord)new GenericDatumReader<object>(writerSchema, latest).Read(null!, new BinaryDecoder(stream));
            Assert.Equal(stream.Length, stream.Position);
            Assert.Equal(record.Index, value["_id"]);
        }
    }

    /// <summary>Documents after the first that bring a (field path, BSON type) pair no earlier document had.</summary>
    private static int DocumentsIntroducingNewPairs(List<byte[]> documents)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        DriftCorpus.CollectPaths(documents[0], string.Empty, seen);
        var introducing = 0;
        foreach (var document in documents.Skip(1))
        {
            var before = seen.Count;
            DriftCorpus.CollectPaths(document, string.Empty, seen);
            introducing += seen.Count > before ? 1 : 0;
        }

        return introducing;
    }

    private static NamespaceRoute Route() => new NamespaceRouteTable(new MappingOptions()).Resolve(true, "shop"u8, true, "orders"u8);

    private static CdcMetadata Metadata() => new()
    {
        Operation = "insert"u8,
        Database = "shop"u8,
        Collection = "orders"u8,
        HasCollection = true,
        ResumeToken = "8265535E80000000032B0429296E1404"u8,
        ClusterTime = new BsonTimestamp(1_700_000_000, 1),
    };

    private sealed record PublishedValue(int Index, int SchemaId, byte[] Payload);

    private sealed record DriftRun(IReadOnlyList<PublishedValue> Published, IReadOnlyList<string> Refused, int Widenings);
}
