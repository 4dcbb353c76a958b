using Cdc.Schemas.Avro;

namespace Cdc.Schemas.Tests.Avro;

/// <summary>
/// The Parsing Canonical Form rules, one at a time, with expected strings written from the specification's wording.
/// The broad cross-check against another implementation is <see cref="AvscCanonicalFormTests"/>.
/// </summary>
public sealed class AvroCanonicalFormTests
{
    [Theory]
    [InlineData("\"string\"", "\"string\"")]
    [InlineData("{\"type\":\"string\"}", "\"string\"")]
    [InlineData("{\"type\":\"int\",\"logicalType\":\"date\"}", "\"int\"")]
    public void Primitives_become_their_simple_name(string input, string canonical)
    {
        Assert.Equal(canonical, AvroSchema.Parse(input).ToCanonicalForm());
    }

    [Fact]
    public void Union_branches_keep_their_order_and_lose_the_whitespace()
    {
        Assert.Equal("[\"long\",\"null\"]", AvroSchema.Parse(" [ \"long\" ,\n {\"type\" : \"null\"} ] ").ToCanonicalForm());
    }

    [Fact]
    public void Names_become_full_names_and_the_namespace_attribute_goes()
    {
        var schema = AvroSchema.Parse("""{"namespace":"zoo","name":"Cage","type":"fixed","size":3}""");

        Assert.Equal("{\"name\":\"zoo.Cage\",\"type\":\"fixed\",\"size\":3}", schema.ToCanonicalForm());
    }

    [Fact]
    public void Attributes_other_than_type_name_fields_symbols_items_values_and_size_are_stripped_and_the_rest_ordered()
    {
        var schema = AvroSchema.Parse("""
            {"fields":[{"order":"ignore","type":{"symbols":["Z"],"type":"enum","name":"Z1","default":"Z","doc":"d"},"doc":"x","name":"z","default":"Z","aliases":["q"]}],
             "aliases":["Old"],"doc":"about","type":"record","name":"Keep","meta":1}
            """);

        Assert.Equal(
            "{\"name\":\"Keep\",\"type\":\"record\",\"fields\":[{\"name\":\"z\",\"type\":{\"name\":\"Z1\",\"type\":\"enum\",\"symbols\":[\"Z\"]}}]}",
            schema.ToCanonicalForm());
    }

    [Fact]
    public void A_name_defined_once_is_written_by_full_name_at_every_later_use()
    {
        var schema = AvroSchema.Parse("""
            {"type":"record","name":"Pair","namespace":"p","fields":[
              {"name":"left","type":{"type":"enum","name":"Side","symbols":["L","R"]}},
              {"name":"right","type":"Side"}]}
            """);

        Assert.Equal(
            "{\"name\":\"p.Pair\",\"type\":\"record\",\"fields\":[{\"name\":\"left\",\"type\":{\"name\":\"p.Side\",\"type\":\"enum\",\"symbols\":[\"L\",\"R\"]}},{\"name\":\"right\",\"type\":\"p.Side\"}]}",
            schema.ToCanonicalForm());
    }

    /// <summary>
    /// Not in the avsc cross-check on purpose: avsc 5.7.9 gives the nested enum the namespace attribute ("ignored.E"),
    /// while the specification (and the Java implementation) take the namespace of the enclosing full name.
    /// </summary>
    [Fact]
    public void A_nested_name_takes_the_namespace_of_the_enclosing_full_name_not_its_namespace_attribute()
    {
        var schema = AvroSchema.Parse("""
            {"type":"record","name":"a.b.R","namespace":"ignored","fields":[{"name":"e","type":{"type":"enum","name":"E","symbols":["A"]}}]}
            """);

        Assert.Equal(
            "{\"name\":\"a.b.R\",\"type\":\"record\",\"fields\":[{\"name\":\"e\",\"type\":{\"name\":\"a.b.E\",\"type\":\"enum\",\"symbols\":[\"A\"]}}]}",
            schema.ToCanonicalForm());
    }

    [Fact]
    public void Escaped_characters_in_names_are_written_as_the_characters()
    {
        var schema = AvroSchema.Parse("""{"type":"enum","name":"\u0054ee","symbols":["\u0059"]}""");

        Assert.Equal("{\"name\":\"Tee\",\"type\":\"enum\",\"symbols\":[\"Y\"]}", schema.ToCanonicalForm());
    }

    [Fact]
    public void Canonical_form_keeps_non_ascii_text_unescaped_in_the_full_json()
    {
        var schema = AvroSchema.Parse("""{"type":"enum","name":"E","symbols":["A"],"doc":"caf\u00e9"}""");

        Assert.Equal("{\"name\":\"E\",\"type\":\"enum\",\"symbols\":[\"A\"]}", schema.ToCanonicalForm());
        Assert.Contains("café", schema.ToJson(), StringComparison.Ordinal);
    }
}
