using Cdc.Schemas.Avro;

namespace Cdc.Schemas.Tests.Avro;

public sealed class AvroSchemaParseErrorTests
{
    [Theory]
    [InlineData("{\"type\":\"record\",\"name\":\"1x\",\"fields\":[]}", "'1x'")]
    [InlineData("{\"type\":\"record\",\"name\":\"a-b\",\"fields\":[]}", "'a-b'")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"a..b\",\"fields\":[]}", "namespace 'a..b'")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"a.1b\",\"fields\":[]}", "namespace 'a.1b'")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"my-field\",\"type\":\"int\"}]}", "'my-field'")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"a\",\"type\":\"long\"}]}", "Duplicate field name 'a' in record 'R'")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"A\"]}", "Duplicate symbol 'A'")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"a b\"]}", "Invalid symbol 'a b'")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"],\"default\":\"B\"}", "default 'B'")]
    [InlineData("[\"int\",[\"string\"]]", "Nested union at $[1]")]
    [InlineData("[\"int\",\"string\",\"int\"]", "repeats the type 'int'")]
    [InlineData("[\"long\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}]", "repeats the type 'long'")]
    [InlineData("[{\"type\":\"array\",\"items\":\"int\"},{\"type\":\"array\",\"items\":\"string\"}]", "repeats the type 'array'")]
    [InlineData("[{\"type\":\"fixed\",\"name\":\"F\",\"size\":1},\"F\"]", "repeats the type 'F'")]
    [InlineData("\"Nope\"", "Unknown type 'Nope' at $")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"Later\"}]}", "Unknown type 'Later' at $.fields[0].type")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}}]}", "'R' is defined twice (again at $.fields[0].type)")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\"}", "no 'fields'")]
    [InlineData("{\"type\":\"record\",\"fields\":[]}", "no 'name'")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"F\",\"size\":-1}", "non-negative integer")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"F\",\"size\":\"4\"}", "non-negative integer")]
    [InlineData("{\"type\":\"array\"}", "no 'items'")]
    [InlineData("{\"items\":\"int\"}", "no 'type'")]
    [InlineData("42", "found Number")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\",\"default\":\"1\"}]}", "Invalid default value \"1\" at $.fields[0].default (field 'a' of record 'R')")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\",\"default\":3000000000}]}", "Invalid default value 3000000000")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":[\"null\",\"string\"],\"default\":1}]}", "Invalid default value 1")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\",\"order\":\"up\"}]}", "Invalid order 'up'")]
    [InlineData("{\"type\":\"record\",\"name\":\"int\",\"fields\":[]}", "primitive type name")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"aliases\":[\"a-b\"],\"fields\":[]}", "Invalid alias \"a-b\"")]
    [InlineData("{not json", "not valid JSON")]
    public void Invalid_schemas_throw_an_error_naming_the_problem(string json, string expectedFragment)
    {
        var error = Assert.Throws<AvroException>(() => AvroSchema.Parse(json));

        Assert.Contains(expectedFragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructors_reject_invalid_names_and_duplicate_fields()
    {
        Assert.Throws<AvroException>(() => new AvroRecordSchema("my-db", null, []));
        Assert.Throws<AvroException>(() => new AvroRecordSchema("R", "a.", []));
        Assert.Throws<AvroException>(() => new AvroRecordSchema("R", null, [new AvroField("a", AvroPrimitiveSchema.Int), new AvroField("a", AvroPrimitiveSchema.Int)]));
        Assert.Throws<AvroException>(() => new AvroEnumSchema("E", null, ["$x"]));
        Assert.Throws<AvroException>(() => new AvroUnionSchema([AvroPrimitiveSchema.Null, new AvroUnionSchema([AvroPrimitiveSchema.Int])]));
        Assert.Throws<AvroException>(() => new AvroPrimitiveSchema(AvroType.Record));
    }

    [Fact]
    public void A_dotted_name_is_the_full_name_and_overrides_the_namespace()
    {
        var record = new AvroRecordSchema("a.b.R", "ignored", []);

        Assert.Equal("R", record.Name);
        Assert.Equal("a.b", record.Namespace);
        Assert.Equal("a.b.R", record.FullName);
    }
}
