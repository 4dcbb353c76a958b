using System.Buffers;
using Cdc.Schemas.Avro;
using Cdc.Schemas.Bson;
using Cdc.Schemas.ExtendedJson;
using Cdc.Schemas.Typed;

namespace Cdc.Schemas.Tests.Typed;

/// <summary>Documents from Extended JSON, a fixed <c>__cdc</c>, and one-call writes for the typed tests.</summary>
internal static class TypedTestValues
{
    public const string Name = "Value";
    public const string Namespace = "cdc.shop.orders";

    public static byte[] ToBson(string extendedJson) => ExtendedJsonParser.ParseDocument(extendedJson);

    public static CdcMetadata Metadata(ReadOnlySpan<byte> operation) => new()
    {
        Operation = operation,
        Database = "shop"u8,
        Collection = "orders"u8,
        HasCollection = true,
        ResumeToken = "8263A1"u8,
        ClusterTime = new BsonTimestamp(1_700_000_000, 7),
        WallTimeMilliseconds = 1_700_000_000_123,
        HasWallTime = true,
    };

    public static AvroRecordSchema Infer(params string[] documents)
    {
        var schema = TypedValueSchemas.Empty(Name, Namespace);
        foreach (var document in documents)
        {
            schema = TypedSchemaBuilder.Widen(schema, ToBson(document)) ?? schema;
        }

        return schema;
    }

    /// <summary>Writes an insert of <paramref name="document"/>; the result and the bytes written.</summary>
    public static (TypedWriteResult Result, byte[] Payload) Write(TypedWritePlan plan, byte[] document)
    {
        var output = new ArrayBufferWriter<byte>();
        var result = new TypedValueWriter().Write(plan, Metadata("insert"u8), document, output);
        return (result, output.WrittenSpan.ToArray());
    }

    /// <summary>Writes <paramref name="document"/>, asserts it fitted, and rebuilds it from Apache.Avro's decoding as canonical Extended JSON.</summary>
    public static string RoundTrip(AvroRecordSchema schema, string document, TypedSchemaOrigin origin = TypedSchemaOrigin.Inferred)
    {
        var (result, payload) = Write(TypedWritePlan.Compile(schema, origin), ToBson(document));
        Assert.True(result.Fits, result.Message);
        return TypedExtendedJsonRebuilder.Rebuild(schema, TypedAvroOracle.Decode(schema.ToJson(), payload));
    }
}
