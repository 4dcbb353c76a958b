using Cdc.Schemas.Bson;

namespace Cdc.Schemas.Tests.Bson;

public sealed class BsonReaderTests
{
    [Fact]
    public void Reads_every_element_with_its_type_name_and_value()
    {
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        writer.WriteInt32("i", -7);
        writer.WriteInt64("l", long.MinValue);
        writer.WriteDouble("d", -0.5);
        writer.WriteString("s", "héllo");
        writer.WriteBoolean("b", true);
        writer.WriteDateTime("t", -5);
        writer.WriteTimestamp("ts", new BsonTimestamp(uint.MaxValue, 3));
        writer.WriteBinary("old", 0x02, [9, 8]);
        writer.WriteEndDocument();
        var bson = writer.ToArray();

        var reader = new BsonReader(bson);
        Assert.True(reader.MoveNext());
        Assert.Equal(BsonType.Int32, reader.Current.Type);
        Assert.True(reader.Current.NameEquals("i"u8));
        Assert.Equal(-7, reader.Current.GetInt32());
        Assert.Equal(7, reader.Current.ValueOffset);
        Assert.True(reader.MoveNext());
        Assert.Equal(long.MinValue, reader.Current.GetInt64());
        Assert.True(reader.MoveNext());
        Assert.Equal(-0.5, reader.Current.GetDouble());
        Assert.True(reader.MoveNext());
        Assert.Equal("héllo"u8.ToArray(), reader.Current.GetStringUtf8().ToArray());
        Assert.True(reader.MoveNext());
        Assert.True(reader.Current.GetBoolean());
        Assert.True(reader.MoveNext());
        Assert.Equal(-5, reader.Current.GetDateTime());
        Assert.True(reader.MoveNext());
        Assert.Equal(new BsonTimestamp(uint.MaxValue, 3), reader.Current.GetTimestamp());
        Assert.True(reader.MoveNext());
        Assert.Equal(new byte[] { 9, 8 }, reader.Current.GetBinary(out var subtype).ToArray());
        Assert.Equal(0x02, subtype);
        Assert.False(reader.MoveNext());
        Assert.False(reader.MoveNext());
    }

    [Fact]
    public void Accessor_of_the_wrong_type_throws_naming_the_element()
    {
        var bson = Convert.FromHexString("0C0000001069000100000000");
        var reader = new BsonReader(bson);
        reader.MoveNext();
        var element = reader.Current;

        InvalidOperationException? error = null;
        try
        {
            element.GetStringUtf8();
        }
        catch (InvalidOperationException caught)
        {
            error = caught;
        }

        Assert.NotNull(error);
        Assert.Contains("'i' is Int32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_document_reports_offset_zero_and_the_stated_length()
    {
        var error = Assert.Throws<BsonFormatException>(() => new BsonReader(Convert.FromHexString("1200000002666F")));

        Assert.Equal(0, error.Offset);
        Assert.Contains("length prefix 18 runs past the 7 bytes available", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_string_length_reports_the_offset_of_the_length_prefix()
    {
        // {"a": string with length 5 where only 4 bytes remain}
        var bson = Convert.FromHexString("10000000026100050000006200620000");

        var error = Assert.Throws<BsonFormatException>(() => Walk(bson));

        Assert.Equal(7, error.Offset);
        Assert.Contains("string 'a' has length 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_type_reports_the_offset_of_the_type_byte()
    {
        var bson = Convert.FromHexString("0C0000001069000100000000");
        bson[4] = 0x14;

        var error = Assert.Throws<BsonFormatException>(() => Walk(bson));

        Assert.Equal(4, error.Offset);
        Assert.Contains("unknown element type 0x14", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_inside_an_embedded_document_report_the_absolute_offset()
    {
        // {"x": {"a": true-ish byte 0x02}}: the boolean value sits at offset 4 + 3 + 4 + 3 = 14.
        var bson = Convert.FromHexString("1100000003780009000000086100020000");

        var error = Assert.Throws<BsonFormatException>(() => BsonValidator.Validate(bson));

        Assert.Equal(14, error.Offset);
        Assert.Contains("boolean 'a' has byte 0x02", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_in_a_string_is_rejected()
    {
        var error = Assert.Throws<BsonFormatException>(() => Walk(Convert.FromHexString("0E00000002610002000000E90000")));

        Assert.Equal(11, error.Offset);
        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_ascii_names_are_read_and_invalid_utf8_names_rejected()
    {
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        writer.WriteInt32("Zoë☆", 1);
        writer.WriteEndDocument();
        var bson = writer.ToArray();
        var reader = new BsonReader(bson);
        Assert.True(reader.MoveNext());
        Assert.True(reader.Current.NameEquals("Zoë☆"u8));

        bson[6] = 0xFF;
        var error = Assert.Throws<BsonFormatException>(() => Walk(bson));
        Assert.Equal(5, error.Offset);
        Assert.Contains("element name is not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("productId", true)]
    [InlineData("a b~{}", true)]
    [InlineData("", true)]
    [InlineData("k\"ey", false)]
    [InlineData("back\\slash", false)]
    [InlineData("tab\there", false)]
    [InlineData("del\u007f", false)]
    [InlineData("Zoë", false)]
    public void Names_are_flagged_plain_only_when_printable_ascii_without_quote_or_backslash(string name, bool plain)
    {
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        writer.WriteInt32(name, 1);
        writer.WriteInt32("next", 2);
        writer.WriteEndDocument();

        var reader = new BsonReader(writer.ToArray());
        Assert.True(reader.MoveNext());
        Assert.Equal(plain, reader.Current.NameIsPlainAscii);
        Assert.Equal(name, System.Text.Encoding.UTF8.GetString(reader.Current.Name));
        Assert.True(reader.MoveNext());
        Assert.True(reader.Current.NameEquals("next"u8));
        Assert.Equal(2, reader.Current.GetInt32());
    }

    [Fact]
    public void Current_by_reference_follows_each_step_of_the_reader()
    {
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        writer.WriteInt32("a", 1);
        writer.WriteString("b", "two");
        writer.WriteEndDocument();

        var reader = new BsonReader(writer.ToArray());
        Assert.True(reader.MoveNext());
        ref readonly var element = ref reader.CurrentByRef;
        Assert.True(element.NameEquals("a"u8));
        Assert.Equal(1, element.GetInt32());
        Assert.True(reader.MoveNext());
        Assert.True(element.NameEquals("b"u8));
        Assert.Equal("two"u8.ToArray(), element.GetStringUtf8().ToArray());
        Assert.Equal(reader.Current.ValueOffset, element.ValueOffset);
        Assert.False(reader.MoveNext());
    }

    [Fact]
    public void Trailing_bytes_after_the_document_are_rejected()
    {
        var error = Assert.Throws<BsonFormatException>(() => new BsonReader(Convert.FromHexString("050000000000")));

        Assert.Equal(5, error.Offset);
        Assert.Contains("trailing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_terminator_is_rejected_at_the_last_byte()
    {
        var error = Assert.Throws<BsonFormatException>(() => new BsonReader(Convert.FromHexString("0500000001")));

        Assert.Equal(4, error.Offset);
    }

    [Fact]
    public void Walking_a_warm_document_allocates_nothing()
    {
        var bson = BsonTestDocuments.Mixed();
        var fields = WalkDeep(bson);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var total = 0;
        for (var i = 0; i < 1000; i++)
        {
            total += WalkDeep(bson);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(fields * 1000, total);
        Assert.Equal(0, allocated);
    }

    private static int WalkDeep(ReadOnlySpan<byte> document)
    {
        var reader = new BsonReader(document);
        return Count(ref reader);
    }

    private static int Count(ref BsonReader reader)
    {
        var count = 0;
        while (reader.MoveNext())
        {
            count++;
            if (reader.Current.Type is BsonType.Document or BsonType.Array)
            {
                var child = reader.Current.GetDocumentReader();
                count += Count(ref child);
            }
        }

        return count;
    }

    private static void Walk(byte[] bson)
    {
        var reader = new BsonReader(bson);
        while (reader.MoveNext())
        {
        }
    }
}
