using Avro.Generic;
using Cdc.Schemas.Tests.Corpus;
using Cdc.Schemas.Typed;

namespace Cdc.Schemas.Tests.Typed;

/// <summary>
/// Every valid document of the BSON corpus: schema from the document, typed writer, Apache.Avro's GenericDatumReader
/// with the writer schema, rebuilt into canonical Extended JSON from the type table alone: the corpus's
/// canonical_extjson again. Lossless means exactly this.
/// </summary>
public sealed class TypedCorpusRoundTripTests
{
    public static TheoryData<string> ValidCases => BsonCorpus.Cases("valid");

    [CorpusTheory]
    [MemberData(nameof(ValidCases))]
    public void Corpus_document_rebuilds_its_canonical_extjson_from_the_typed_value(string id)
    {
        var testCase = BsonCorpus.Get(id, "valid");
        var bson = testCase.Bytes("canonical_bson")!;

        var schema = TypedSchemaBuilder.FromDocument(TypedTestValues.Name, TypedTestValues.Namespace, bson);
        Assert.Null(TypedSchemaBuilder.Widen(schema, bson));
        var (result, payload) = TypedTestValues.Write(TypedWritePlan.Compile(schema, TypedSchemaOrigin.Inferred), bson);
        Assert.True(result.Fits, result.Message);

        var decoded = Decode(testCase, schema.ToJson(), payload);
        var json = TypedExtendedJsonRebuilder.Rebuild(schema, decoded);

        BsonCorpusWriterTests.AssertSameJson(testCase.Text("canonical_extjson")!, json);
    }

    /// <summary>
    /// Apache.Avro turns a timestamp-millis into a .NET DateTime, which ends at 9999-12-31: the corpus's "Y10K" date
    /// (253402300800000 ms) throws in that conversion, not in the decoding. For such a date only, the same bytes are
    /// read again with the schema minus its timestamp-millis annotations (a logical type does not change the encoding,
    /// and Apache.Avro will not resolve an annotated long to a plain one), and the rebuilt date, built from the
    /// type table as before, must still equal the corpus.
    /// </summary>
    private static GenericRecord Decode(CorpusCase testCase, string schemaJson, byte[] payload)
    {
        try
        {
            return TypedAvroOracle.Decode(schemaJson, payload);
        }
        catch (ArgumentOutOfRangeException) when (testCase.File == "datetime.json")
        {
            Assert.Contains("Y10K", testCase.Text("description"), StringComparison.Ordinal);
            var withoutLogicalType = schemaJson.Replace(",\"logicalType\":\"timestamp-millis\"", string.Empty, StringComparison.Ordinal);
            Assert.NotEqual(schemaJson, withoutLogicalType);
            return TypedAvroOracle.Decode(withoutLogicalType, payload);
        }
    }
}
