using Cdc.Connector.Checkpoint;
using Cdc.Connector.Source;
using Cdc.Schemas.Bson;

namespace Cdc.Connector.Tests.Checkpoint;

/// <summary>Checkpoints for the store tests: real-looking tokens, one holding every BSON type, and snapshot progress.</summary>
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

    /// <summary>A token checkpoint with <see cref="Snapshot"/> beside it.</summary>
    public static StoredCheckpoint WithSnapshot(string pipeline) =>
        WithToken(pipeline, "8265A1B2C3000000012B022C0100296E5A1004") with { Snapshot = Snapshot() };

    /// <summary>
    /// Progress over several collections whose last <c>_id</c> values are of the BSON types an <c>_id</c> commonly has,
    /// with awkward values; one collection not started (no last <c>_id</c>), one done, one under a trigger this release
    /// does not know (as a later release may write).
    /// </summary>
    public static SnapshotProgress Snapshot() => new(
    [
        new("shop", "orders", SnapshotTriggers.Initial, LastId(w => w.WriteObjectId("_id", [0x65, 0xA1, 0xB2, 0xC3, 1, 2, 3, 4, 5, 6, 7, 8])), false, 12000),
        new("shop", "customers", SnapshotTriggers.Initial, LastId(w => w.WriteString("_id", "cust-\u00e9\u4e2d\U0001F600 \"quoted\"")), true, 3),
        new("shop", "counters", SnapshotTriggers.HistoryLost, LastId(w => w.WriteInt32("_id", int.MinValue)), false, 1),
        new("shop", "events", SnapshotTriggers.Requested, LastId(w => w.WriteInt64("_id", long.MaxValue)), false, long.MaxValue),
        new("shop", "readings", SnapshotTriggers.Initial, LastId(w => w.WriteDouble("_id", 1.0000000000000002)), false, 7),
        new("shop", "zeros", SnapshotTriggers.Initial, LastId(w => w.WriteDouble("_id", -0.0)), false, 7),
        new("shop", "prices", SnapshotTriggers.Initial, LastId(w => w.WriteDecimal128("_id", Decimal128.Parse("-1234.5600"))), false, 2),
        new("shop", "composite", SnapshotTriggers.Initial, LastId(CompositeId), false, 40),
        new("shop", "blobs", SnapshotTriggers.Initial, LastId(w => w.WriteBinary("_id", 4, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16])), false, 5),
        new("shop", "daily", SnapshotTriggers.Initial, LastId(w => w.WriteDateTime("_id", -62135596800000)), false, 9),
        new("billing", "invoices", "someLaterTrigger", null, false, 0),
    ]);

    /// <summary>The document <c>{_id: value}</c>, the value written by <paramref name="writeId"/>.</summary>
    public static byte[] LastId(Action<BsonWriter> writeId)
    {
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        writeId(writer);
        writer.WriteEndDocument();
        return writer.ToArray();
    }

    private static void CompositeId(BsonWriter writer)
    {
        writer.WriteStartDocument("_id");
        writer.WriteString("region", "eu");
        writer.WriteInt32("n", 7);
        writer.WriteEndDocument();
    }
}
