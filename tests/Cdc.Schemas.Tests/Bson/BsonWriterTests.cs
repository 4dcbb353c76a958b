using Cdc.Schemas.Bson;

namespace Cdc.Schemas.Tests.Bson;

public sealed class BsonWriterTests
{
    [Fact]
    public void Writes_lengths_and_terminators_back_patched()
    {
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        writer.WriteStartDocument("x");
        writer.WriteString("a", "b");
        writer.WriteEndDocument();
        writer.WriteEndDocument();

        Assert.Equal("160000000378000E0000000261000200000062000000", Convert.ToHexString(writer.WrittenSpan));
    }

    [Fact]
    public void Unnamed_documents_inside_an_array_take_the_next_index()
    {
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        writer.WriteStartArray("a");
        writer.WriteStartDocument();
        writer.WriteEndDocument();
        writer.WriteStartDocument();
        writer.WriteEndDocument();
        writer.WriteEndArray();
        writer.WriteEndDocument();

        Assert.Equal("""{"a":[{},{}]}""", Cdc.Schemas.ExtendedJson.ExtendedJsonWriter.ToJson(writer.WrittenSpan, Cdc.Schemas.ExtendedJson.ExtendedJsonMode.Relaxed));
        Assert.Contains("033000", Convert.ToHexString(writer.WrittenSpan), StringComparison.Ordinal);
        Assert.Contains("033100", Convert.ToHexString(writer.WrittenSpan), StringComparison.Ordinal);
    }

    [Fact]
    public void Old_binary_subtype_gets_its_inner_length()
    {
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        writer.WriteBinary("x", 0x02, [0xFF, 0xFF]);
        writer.WriteEndDocument();

        Assert.Equal("13000000057800060000000202000000FFFF00", Convert.ToHexString(writer.WrittenSpan));
    }

    [Fact]
    public void Reset_reuses_the_writer_for_a_new_document()
    {
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        writer.WriteString("long", new string('x', 1000));
        writer.WriteEndDocument();

        writer.Reset();
        writer.WriteStartDocument();
        writer.WriteEndDocument();

        Assert.Equal("0500000000", Convert.ToHexString(writer.ToArray()));
    }

    [Fact]
    public void Name_with_nul_is_rejected()
    {
        var writer = new BsonWriter();
        writer.WriteStartDocument();

        var error = Assert.Throws<ArgumentException>(() => writer.WriteInt32("a\0b", 1));

        Assert.Contains("element name cannot contain a NUL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lone_surrogate_is_rejected_rather_than_replaced()
    {
        var writer = new BsonWriter();
        writer.WriteStartDocument();

        Assert.Throws<System.Text.EncoderFallbackException>(() => writer.WriteString("s", "a\ud800b"));
    }

    [Fact]
    public void Unbalanced_calls_are_rejected()
    {
        var writer = new BsonWriter();
        Assert.Throws<InvalidOperationException>(() => writer.WriteInt32("a", 1));
        writer.WriteStartDocument();
        Assert.Throws<InvalidOperationException>(writer.WriteEndArray);
        Assert.Throws<InvalidOperationException>(() => writer.WriteStartDocument());
        writer.WriteEndDocument();
        Assert.Throws<InvalidOperationException>(writer.WriteEndDocument);
        Assert.Throws<InvalidOperationException>(() => writer.WriteStartDocument());
    }

    [Fact]
    public void Nesting_beyond_the_limit_is_rejected()
    {
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        for (var i = 1; i < BsonLimits.MaxNestingDepth; i++)
        {
            writer.WriteStartDocument("a");
        }

        var error = Assert.Throws<InvalidOperationException>(() => writer.WriteStartDocument("a"));

        Assert.Contains($"deeper than {BsonLimits.MaxNestingDepth} levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_object_id_length_is_rejected()
    {
        var writer = new BsonWriter();
        writer.WriteStartDocument();

        Assert.Throws<ArgumentException>(() => writer.WriteObjectId("_id", new byte[11]));
    }
}
