using Cdc.Connector.Checkpoint;
using Cdc.Connector.Source;
using Cdc.Schemas.Bson;

namespace Cdc.Connector.Tests.Checkpoint;

/// <summary>Checkpoints for the store tests: real-looking tokens, and one holding every BSON type.</summary>
internal static class Checkpoints
{
    public static readonly DateTimeOffset CommittedAt = new(2026, 11, 21, 23, 42, 16, 123, TimeSpan.Zero);

    public static byte[] Token(string data)
    {
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        writer.WriteString("_data", data);
        writer.WriteEndDocument();
        return writer.ToArray();
    }

    public static StoredCheckpoint WithToken(string pipeline, string data, bool isInvalidate = false) =>
        new(pipeline, ResumePosition.FromToken(Token(data), isInvalidate), CommittedAt);

    public static StoredCheckpoint WithTime(string pipeline, uint seconds, uint increment) =>
        new(pipeline, ResumePosition.FromOperationTime(new BsonTimestamp(seconds, increment)), CommittedAt);

    /// <summary>A token no server sends today but the format allows: every BSON type, nested, with awkward values.</summary>
    public static byte[] ExoticToken()
    {
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        writer.WriteString("_data", "8265A1B2C3000000012B042C0100296E5A1004");
        writer.WriteDouble("negativeZero", -0.0);
        writer.WriteDouble("fraction", 1.0000000000000002);
        writer.WriteInt32("int32", int.MinValue);
        writer.WriteInt64("int64", long.MaxValue);
        writer.WriteDecimal128("decimal", Decimal128.Parse("-1.2345678901234567890123456789012E+6000"));
        writer.WriteBinary("uuid", 4, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
        writer.WriteBinary("userBinary", 0x80, [0xFF, 0x00]);
        writer.WriteObjectId("oid", [0x65, 0xA1, 0xB2, 0xC3, 1, 2, 3, 4, 5, 6, 7, 8]);
        writer.WriteDateTime("date", -62135596800000);
        writer.WriteTimestamp("ts", new BsonTimestamp(uint.MaxValue, 7));
        writer.WriteRegularExpression("regex", "^a\"b\\c", "imsx");
        writer.WriteStartDocument("nested");
        writer.WriteStartArray("array");
        writer.WriteBoolean("0", true);
        writer.WriteNull("1");
        writer.WriteMinKey("2");
        writer.WriteMaxKey("3");
        writer.WriteEndArray();
        writer.WriteString("unicode \u00e9\u4e2d\U0001F600", "line\nbreak\u0001");
        writer.WriteEndDocument();
        writer.WriteJavaScript("code", "function() {}");
        writer.WriteSymbol("symbol", "sym");
        writer.WriteUndefined("undefined");
        writer.WriteEndDocument();
        return writer.ToArray();
    }
}
