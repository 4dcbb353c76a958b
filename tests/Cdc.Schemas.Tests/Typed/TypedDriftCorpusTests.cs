using System.Buffers;
using System.Globalization;
using System.Text.Json.Nodes;
using Cdc.Schemas.Avro;
using Cdc.Schemas.Bson;
using Cdc.Schemas.ExtendedJson;
using Cdc.Schemas.Typed;
using Xunit.Abstractions;
using static Cdc.Schemas.Tests.Typed.TypedTestValues;

namespace Cdc.Schemas.Tests.Typed;

/// <summary>
/// The drift corpus of issue 19: 10,000 generated documents of 30 shapes (new fields appearing, types changing,
/// nested arrays of documents, nulls) fed in order through the loop the schema ledger runs: write with the current
/// schema; on a misfit, widen, compile, write again.
/// </summary>
public sealed class TypedDriftCorpusTests(ITestOutputHelper log)
{
    private const int DocumentCount = 10_000;
    private const int ShapeCount = 30;
    private const int DocumentsPerNewShape = 300;

    private static readonly Lazy<DriftRun> Run = new(() => DriftRun.Feed(Corpus()));

    [Fact]
    public void Versions_are_created_only_for_genuinely_new_field_paths_and_types()
    {
        var run = Run.Value;
        var pairs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in run.Documents)
        {
            CollectPathTypes(new BsonReader(document), string.Empty, arrayItems: false, pairs);
        }

        log.WriteLine($"{run.Versions.Count} schema versions for {run.Documents.Count} documents with {pairs.Count} distinct (field path, BSON type) pairs");
        Assert.Equal(DocumentCount, run.Documents.Count);
        Assert.InRange(run.Versions.Count, 2, pairs.Count);

        // Each shape changes the types in one go, so its first document widens at most once; never a version for
        // a shape already seen.
        Assert.InRange(run.Versions.Count, 2, ShapeCount);
        Assert.Equal(run.Versions.Count, run.Versions.Select(v => v.ToJson()).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Widening_only_appends_each_version_keeps_every_field_of_the_one_before_in_place()
    {
        var versions = Run.Value.Versions;
        for (var v = 1; v < versions.Count; v++)
        {
            var before = versions[v - 1].Fields.Select(f => f.Name).ToList();
            Assert.Equal(before, versions[v].Fields.Take(before.Count).Select(f => f.Name));
        }
    }

    [Fact]
    public void The_same_corpus_gives_the_same_chain_of_schemas()
    {
        var again = DriftRun.Feed(Corpus());

        Assert.Equal(Run.Value.Versions.Select(v => v.ToJson()), again.Versions.Select(v => v.ToJson()));
    }

    [Fact]
    public void Every_document_is_written_with_the_final_schema_and_decodes_with_it_to_the_same_document()
    {
        var run = Run.Value;
        var final = run.Versions[^1];
        var plan = TypedWritePlan.Compile(final, TypedSchemaOrigin.Inferred);
        var finalJson = final.ToJson();
        var writer = new TypedValueWriter();
        var output = new ArrayBufferWriter<byte>();
        for (var i = 0; i < run.Documents.Count; i++)
        {
            output.ResetWrittenCount();
            var result = writer.Write(plan, Metadata("insert"u8), run.Documents[i], output);
            Assert.True(result.Fits, $"document {i}: {result.Message}");

            var rebuilt = TypedExtendedJsonRebuilder.Rebuild(final, TypedAvroOracle.Decode(finalJson, output.WrittenSpan.ToArray()));
            var expected = ExtendedJsonWriter.ToJson(run.Documents[i], ExtendedJsonMode.Canonical);
            BsonCorpusWriterTestsBridge.AssertSameJson(WithoutNullMembers(expected), WithoutNullMembers(rebuilt), $"document {i}");
        }
    }

    [Fact]
    public void Records_written_with_an_earlier_version_are_read_with_the_final_one_as_reader_schema()
    {
        var run = Run.Value;
        var finalJson = run.Versions[^1].ToJson();
        var plans = run.Versions.Select(v => TypedWritePlan.Compile(v, TypedSchemaOrigin.Inferred)).ToList();
        var writer = new TypedValueWriter();
        var resolved = 0;
        for (var i = 0; i < run.Documents.Count; i += 37)
        {
            var version = run.WrittenWith[i];
            var output = new ArrayBufferWriter<byte>();
            Assert.True(writer.Write(plans[version], Metadata("insert"u8), run.Documents[i], output).Fits);

            // BACKWARD: the final schema reads what every earlier one wrote (Avro schema resolution).
            var record = TypedAvroOracle.Decode(run.Versions[version].ToJson(), output.WrittenSpan.ToArray(), finalJson);
            Assert.Equal(run.Versions[^1].Fields.Count, record.Schema.Fields.Count);
            resolved++;
        }

        Assert.True(resolved > 200);
        Assert.Contains(0, run.WrittenWith);
    }

    /// <summary>Thirty shapes of an order document; shape k first appears at document k × 300, then any shape seen so far recurs.</summary>
    private static List<byte[]> Corpus()
    {
        var random = new Random(19);
        var documents = new List<byte[]>(DocumentCount);
        for (var i = 0; i < DocumentCount; i++)
        {
            var introduced = Math.Min(ShapeCount, (i / DocumentsPerNewShape) + 1);
            var shape = i % DocumentsPerNewShape == 0 && i / DocumentsPerNewShape < ShapeCount ? i / DocumentsPerNewShape : random.Next(introduced);
            documents.Add(ToBson(Shape(shape, random)));
        }

        return documents;
    }

    private static string Shape(int shape, Random random)
    {
        var n = random.Next(1, 1000).ToString(CultureInfo.InvariantCulture);
        var oid = $"{random.Next():x8}{random.Next():x8}{random.Next():x8}";
        return shape switch
        {
            0 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "sku": "s{{{{n}}}}", "qty": {{{{n}}}}}""",
            1 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "sku": "s{{{{n}}}}", "qty": {{{{n}}}}, "price": {{{{n}}}}.25}""",
            2 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "sku": "s{{{{n}}}}", "createdAt": {"$date": {"$numberLong": "17000{{{{n}}}}"}}}""",
            3 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "qty": {"$numberLong": "{{{{n}}}}"}}""",
            4 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "tags": []}""",
            5 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "tags": ["t{{{{n}}}}", "u"]}""",
            6 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "customer": {"name": "c{{{{n}}}}"}}""",
            7 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "customer": {"name": "c{{{{n}}}}", "email": "c{{{{n}}}}@example.org"}}""",
            8 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "lines": [{"sku": "a", "qty": {{{{n}}}}}]}""",
            9 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "lines": [{"sku": "a", "qty": 1, "discount": 0.{{{{n}}}}}, {"sku": "b", "qty": 2}]}""",
            10 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "notes": null}""",
            11 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "notes": "note {{{{n}}}}"}""",
            12 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "status": "new", "sku": null}""",
            13 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "price": {"$numberDecimal": "{{{{n}}}}.10"}}""",
            14 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "meta": {"source": "web", "version": {{{{n}}}}}}""",
            15 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "meta": {"version": "v{{{{n}}}}"}}""",
            16 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "flags": {"gift": true}}""",
            17 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "ref": {"$oid": "{{{{oid}}}}"}}""",
            18 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "ref": "legacy-{{{{n}}}}"}""",
            19 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "lines": [{"sku": "a", "parts": [{"code": "p{{{{n}}}}"}, {"code": "q", "weight": 1.5}]}]}""",
            20 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "tags": [{{{{n}}}}, "x"]}""",
            21 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "seen": {"$timestamp": {"t": {{{{n}}}}, "i": 1}}}""",
            22 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "match": {"$regularExpression": {"pattern": "^s{{{{n}}}}", "options": "i"}}}""",
            23 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "uid": {"$binary": {"base64": "c//SZESzTGmQ6OfR38A11A==", "subType": "04"}}}""",
            24 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "blob": {"$binary": {"base64": "AQID", "subType": "00"}}}""",
            25 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "customer": {"name": "c", "address": {"city": "X", "zip": {{{{n}}}}}}}""",
            26 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "customer": {"address": {"zip": "z{{{{n}}}}"}}}""",
            27 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "score": {{{{n}}}}, "notes": null, "lines": null}""",
            28 => $$$$"""{"_id": {"$oid": "{{{{oid}}}}"}, "matrix": [[{{{{n}}}}, 2], [], [3]]}""",
            _ => $$$$"""{"_id": "legacy-{{{{n}}}}", "sku": null, "qty": null, "lines": [{"sku": null, "parts": [null]}]}""",
        };
    }

    /// <summary>(field path, BSON type) pairs: dotted names, "[]" for array items.</summary>
    private static void CollectPathTypes(BsonReader reader, string path, bool arrayItems, HashSet<string> pairs)
    {
        while (reader.MoveNext())
        {
            var element = reader.Current;
            var here = arrayItems ? path : TypedNames.Join(path, System.Text.Encoding.UTF8.GetString(element.Name));
            pairs.Add($"{here}:{element.Type}");
            if (element.Type == BsonType.Document)
            {
                CollectPathTypes(element.GetDocumentReader(), here, arrayItems: false, pairs);
            }
            else if (element.Type == BsonType.Array)
            {
                CollectPathTypes(element.GetDocumentReader(), here + "[]", arrayItems: true, pairs);
            }
        }
    }

    /// <summary>A BSON null and an absent field read the same (rule 2), so the comparison drops null members on both sides.</summary>
    private static string WithoutNullMembers(string json)
    {
        var node = JsonNode.Parse(json);
        Strip(node);
        return node!.ToJsonString();
    }

    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    obj.Remove(key);
                }

                foreach (var (_, value) in obj)
                {
                    Strip(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Strip(item);
                }

                break;
        }
    }

    /// <summary>The ledger's loop over the corpus: every version in order, and which version wrote each document.</summary>
    private sealed record DriftRun(List<byte[]> Documents, List<AvroRecordSchema> Versions, List<int> WrittenWith)
    {
        public static DriftRun Feed(List<byte[]> documents)
        {
            var schema = TypedValueSchemas.Empty(Name, Namespace);
            var plan = TypedWritePlan.Compile(schema, TypedSchemaOrigin.Inferred);
            var versions = new List<AvroRecordSchema>();
            var writtenWith = new List<int>(documents.Count);
            var writer = new TypedValueWriter();
            var output = new ArrayBufferWriter<byte>();
            foreach (var document in documents)
            {
                output.ResetWrittenCount();
                var result = writer.Write(plan, Metadata("insert"u8), document, output);
                if (!result.Fits)
                {
                    schema = TypedSchemaBuilder.Widen(schema, document)
                        ?? throw new InvalidOperationException($"The writer says '{result.Message}' but widening finds nothing to add.");
                    plan = TypedWritePlan.Compile(schema, TypedSchemaOrigin.Inferred);
                    versions.Add(schema);
                    output.ResetWrittenCount();
                    result = writer.Write(plan, Metadata("insert"u8), document, output);
                    Assert.True(result.Fits, result.Message);
                }
                else
                {
                    Assert.Null(TypedSchemaBuilder.Widen(schema, document));
                }

                writtenWith.Add(versions.Count - 1);
            }

            return new DriftRun(documents, versions, writtenWith);
        }
    }
}
