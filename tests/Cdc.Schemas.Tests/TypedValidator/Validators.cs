using Cdc.Schemas.Avro;
using Cdc.Schemas.ExtendedJson;
using Cdc.Schemas.Typed.Validator;

namespace Cdc.Schemas.Tests.TypedValidator;

/// <summary>Converts validators written as Extended JSON, as a shell user writes them, through their BSON.</summary>
internal static class Validators
{
    public const string Topic = "cdc.shop.orders";

    public static JsonSchemaConversion Convert(string jsonSchema) =>
        JsonSchemaConverter.ForTopic(ExtendedJsonParser.ParseDocument(jsonSchema), Topic);

    /// <summary>The converted record; fails the test with the refusal when there is one.</summary>
    public static AvroRecordSchema Record(string jsonSchema)
    {
        var conversion = Convert(jsonSchema);
        Assert.True(conversion.IsConverted, conversion.Refusal?.Message);
        // A second, independent Avro implementation must accept what the converter builds.
        _ = global::Avro.Schema.Parse(conversion.Record.ToJson());
        return conversion.Record;
    }

    public static JsonSchemaRefusal Refusal(string jsonSchema)
    {
        var conversion = Convert(jsonSchema);
        Assert.False(conversion.IsConverted, conversion.Record?.ToJson());
        return conversion.Refusal;
    }

    /// <summary>Asserts that <paramref name="actual"/> is the schema <paramref name="expectedJson"/> writes, properties and docs included.</summary>
    public static void AssertSchema(string expectedJson, AvroSchema actual) =>
        Assert.Equal(AvroSchema.Parse(expectedJson).ToJson(), actual.ToJson());
}
