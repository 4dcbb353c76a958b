using Cdc.Sandbox.SchemaRegistry;
using Cdc.Schemas.Avro;

namespace Cdc.Sandbox.Tests.SchemaRegistry;

public sealed class AvroResolutionCheckerTests
{
    [Theory]
    [InlineData("\"int\"", "\"int\"")]
    [InlineData("\"long\"", "\"int\"")]
    [InlineData("\"float\"", "\"int\"")]
    [InlineData("\"double\"", "\"int\"")]
    [InlineData("\"float\"", "\"long\"")]
    [InlineData("\"double\"", "\"long\"")]
    [InlineData("\"double\"", "\"float\"")]
    [InlineData("\"bytes\"", "\"string\"")]
    [InlineData("\"string\"", "\"bytes\"")]
    [InlineData("{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}", "\"long\"")]
    public void A_reader_reads_the_same_primitive_or_a_promotion(string reader, string writer) =>
        Assert.Empty(Check(reader, writer));

    [Theory]
    [InlineData("\"int\"", "\"long\"")]
    [InlineData("\"long\"", "\"double\"")]
    [InlineData("\"float\"", "\"double\"")]
    [InlineData("\"int\"", "\"string\"")]
    [InlineData("\"boolean\"", "\"null\"")]
    [InlineData("\"string\"", "\"int\"")]
    public void A_reader_refuses_narrowing_and_unrelated_primitives(string reader, string writer)
    {
        var problem = Assert.Single(Check(reader, writer));
        Assert.Contains("cannot read the writer's", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_added_field_with_a_default_is_readable_and_without_one_is_not()
    {
        const string writer = """{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}""";
        const string withDefault = """{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string","default":"x"}]}""";
        const string withoutDefault = """{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"}]}""";

        Assert.Empty(Check(withDefault, writer));
        var problem = Assert.Single(Check(withoutDefault, writer));
        Assert.Equal("/fields/b: the reader's field 'b' of 'R' has no default and the writer has no such field", problem);
    }

    [Fact]
    public void A_removed_field_is_ignored_by_the_reader()
    {
        const string writer = """{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"}]}""";
        const string reader = """{"type":"record","name":"R","fields":[{"name":"a","type":"long"}]}""";
        Assert.Empty(Check(reader, writer));
    }

    [Fact]
    public void A_field_type_change_is_reported_with_its_path()
    {
        const string writer = """{"type":"record","name":"R","fields":[{"name":"inner","type":{"type":"record","name":"I","fields":[{"name":"n","type":"long"}]}}]}""";
        const string reader = """{"type":"record","name":"R","fields":[{"name":"inner","type":{"type":"record","name":"I","fields":[{"name":"n","type":"int"}]}}]}""";
        var problem = Assert.Single(Check(reader, writer));
        Assert.Equal("/fields/inner/fields/n: the reader's int cannot read the writer's long", problem);
    }

    [Fact]
    public void Records_match_by_full_name_or_a_reader_alias()
    {
        const string writer = """{"type":"record","name":"Old","namespace":"ns","fields":[]}""";
        const string renamed = """{"type":"record","name":"New","namespace":"ns","fields":[]}""";
        const string aliased = """{"type":"record","name":"New","namespace":"ns","aliases":["Old"],"fields":[]}""";

        Assert.Contains("does not match the writer's record 'ns.Old'", Assert.Single(Check(renamed, writer)), StringComparison.Ordinal);
        Assert.Empty(Check(aliased, writer));
    }

    [Fact]
    public void A_renamed_field_is_matched_through_the_reader_fields_alias()
    {
        const string writer = """{"type":"record","name":"R","fields":[{"name":"old","type":"int"}]}""";
        const string reader = """{"type":"record","name":"R","fields":[{"name":"new","type":"int","aliases":["old"]}]}""";
        Assert.Empty(Check(reader, writer));
    }

    [Fact]
    public void An_enum_reader_needs_every_writer_symbol_unless_it_has_a_default()
    {
        const string writer = """{"type":"enum","name":"E","symbols":["A","B","C"]}""";
        const string fewer = """{"type":"enum","name":"E","symbols":["A","B"]}""";
        const string fewerWithDefault = """{"type":"enum","name":"E","symbols":["A","B"],"default":"A"}""";
        const string more = """{"type":"enum","name":"E","symbols":["A","B","C","D"]}""";

        Assert.Contains("symbol 'C'", Assert.Single(Check(fewer, writer)), StringComparison.Ordinal);
        Assert.Empty(Check(fewerWithDefault, writer));
        Assert.Empty(Check(more, writer));
    }

    [Fact]
    public void Fixed_must_agree_in_name_and_size()
    {
        Assert.Empty(Check("""{"type":"fixed","name":"F","size":4}""", """{"type":"fixed","name":"F","size":4}"""));
        Assert.Contains("size 8", Assert.Single(Check("""{"type":"fixed","name":"F","size":8}""", """{"type":"fixed","name":"F","size":4}""")), StringComparison.Ordinal);
        Assert.Single(Check("""{"type":"fixed","name":"G","size":4}""", """{"type":"fixed","name":"F","size":4}"""));
    }

    [Fact]
    public void Arrays_and_maps_resolve_their_items_and_values()
    {
        Assert.Empty(Check("""{"type":"array","items":"long"}""", """{"type":"array","items":"int"}"""));
        Assert.Equal("/items: the reader's int cannot read the writer's long", Assert.Single(Check("""{"type":"array","items":"int"}""", """{"type":"array","items":"long"}""")));
        Assert.Empty(Check("""{"type":"map","values":"double"}""", """{"type":"map","values":"float"}"""));
        Assert.Single(Check("""{"type":"map","values":"int"}""", """{"type":"map","values":"string"}"""));
        Assert.Single(Check("""{"type":"map","values":"int"}""", """{"type":"array","items":"int"}"""));
    }

    [Fact]
    public void A_reader_union_reads_a_writer_type_one_of_its_branches_reads()
    {
        Assert.Empty(Check("""["null","long"]""", "\"int\""));
        Assert.Contains("no branch of the reader's union", Assert.Single(Check("""["null","string"]""", "\"int\"")), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_branch_of_a_writer_union_must_be_readable()
    {
        Assert.Empty(Check("""["null","string","long"]""", """["null","int"]"""));
        Assert.Equal("/union[1]: the reader's long cannot read the writer's string", Assert.Single(Check("\"long\"", """["int","string"]""")));
        Assert.Single(Check("""["null","int"]""", """["null","int","string"]"""));
    }

    [Fact]
    public void Making_a_field_optional_is_backward_but_not_forward_compatible()
    {
        const string required = """{"type":"record","name":"R","fields":[{"name":"a","type":"string"}]}""";
        const string optional = """{"type":"record","name":"R","fields":[{"name":"a","type":["null","string"],"default":null}]}""";
        Assert.Empty(Check(reader: optional, writer: required));
        Assert.Single(Check(reader: required, writer: optional));
    }

    [Fact]
    public void A_recursive_record_resolves_against_itself_without_looping()
    {
        const string list = """{"type":"record","name":"Node","fields":[{"name":"value","type":"int"},{"name":"next","type":["null","Node"],"default":null}]}""";
        const string widened = """{"type":"record","name":"Node","fields":[{"name":"value","type":"long"},{"name":"next","type":["null","Node"],"default":null}]}""";
        Assert.Empty(Check(list, list));
        Assert.Empty(Check(widened, list));
        Assert.NotEmpty(Check(list, widened));
    }

    private static IReadOnlyList<string> Check(string reader, string writer) =>
        AvroResolutionChecker.Check(AvroSchema.Parse(reader), AvroSchema.Parse(writer));
}
