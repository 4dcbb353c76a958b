using Cdc.Schemas.Bson;

namespace Cdc.Schemas.Tests.Bson;

/// <summary>Documents built with <see cref="BsonWriter"/> for the unit tests.</summary>
internal static class BsonTestDocuments
{
    /// <summary>A document with every BSON type at least once, nested documents and arrays, and strings needing escapes.</summary>
    public static byte[] Mixed(int stringRepeat = 1)
    {
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        writer.WriteObjectId("_id", Convert.FromHexString("57e193d7a9cc81b4027498b5"));
        writer.WriteString("name", string.Concat(Enumerable.Repeat("Zoë \"quoted\" \\ tab\t line\n ☆ ", stringRepeat)));
        writer.WriteInt32("count", 42);
        writer.WriteInt64("big", 9_007_199_254_740_993L);
        writer.WriteDouble("ratio", 0.1);
        writer.WriteDouble("whole", 3.0);
        writer.WriteBoolean("active", true);
        writer.WriteNull("nothing");
        writer.WriteDateTime("created", 1_356_351_330_501L);
        writer.WriteTimestamp("ts", new BsonTimestamp(1_700_000_000, 7));
        writer.WriteBinary("blob", 0x00, [1, 2, 3, 4, 5, 250, 251]);
        writer.WriteBinary("uuid", 0x04, Convert.FromHexString("73ffd26444b34c6990e8e7d1dfc035d4"));
        writer.WriteDecimal128("price", Decimal128.Parse("1234.5678"));
        writer.WriteRegularExpression("re", "^ab+c$", "ix");
        writer.WriteStartDocument("address");
        writer.WriteString("street", "1 Main St");
        writer.WriteString("city", "Zürich");
        writer.WriteStartArray("geo");
        writer.WriteDouble("0", 8.5417);
        writer.WriteDouble("1", 47.3769);
        writer.WriteEndArray();
        writer.WriteEndDocument();
        writer.WriteStartArray("tags");
        for (var i = 0; i < 8; i++)
        {
            writer.WriteString(i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"tag-{i}");
        }

        writer.WriteEndArray();
        writer.WriteStartArray("items");
        for (var i = 0; i < 4; i++)
        {
            writer.WriteStartDocument();
            writer.WriteString("sku", $"SKU-{i:D6}");
            writer.WriteInt32("qty", i + 1);
            writer.WriteDouble("unit", 9.99 * (i + 1));
            writer.WriteEndDocument();
        }

        writer.WriteEndArray();
        writer.WriteMinKey("min");
        writer.WriteMaxKey("max");
        writer.WriteEndDocument();
        return writer.ToArray();
    }

    /// <summary>{"a": {"a": … {"a": 1} …}} with the given number of documents in total (top level included).</summary>
    public static byte[] Nested(int levels)
    {
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        for (var i = 1; i < levels; i++)
        {
            writer.WriteStartDocument("a");
        }

        writer.WriteInt32("x", 1);
        for (var i = 0; i < levels; i++)
        {
            writer.WriteEndDocument();
        }

        return writer.ToArray();
    }

    /// <summary>Like <see cref="Nested"/> but assembled by hand, so it can exceed the writer's own depth limit.</summary>
    public static byte[] NestedRaw(int levels)
    {
        // Innermost: {"x": 1} = 4 + (1 + 2 + 4) + 1 = 12 bytes; each wrapping adds 4 + 1 + 2 + 1 = 8 bytes.
        var inner = Convert.FromHexString("0C0000001078000100000000");
        for (var i = 1; i < levels; i++)
        {
            var outer = new byte[inner.Length + 8];
            BitConverter.TryWriteBytes(outer.AsSpan(), outer.Length);
            outer[4] = (byte)BsonType.Document;
            outer[5] = (byte)'a';
            outer[6] = 0;
            inner.CopyTo(outer.AsSpan(7));
            outer[^1] = 0;
            inner = outer;
        }

        return inner;
    }
}
