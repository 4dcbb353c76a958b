using System.Globalization;
using Cdc.Schemas.Bson;

namespace Cdc.Bench.Transcode;

/// <summary>
/// A deterministic mix of change events as the server sends them: 35% inserts, 40% updates (half with the looked-up
/// full document), 15% replaces, 10% deletes; four collections in two databases; 0.5–4 KB documents.
/// </summary>
internal static class ChangeEventGenerator
{
    public static readonly (string Db, string Coll)[] Namespaces = [("shop", "orders"), ("shop", "customers"), ("crm", "contacts"), ("crm", "tickets")];

    public static GeneratedEvents Generate(int count)
    {
        var random = new Random(20240312);
        var documents = new DocumentGenerator(random);
        var writer = new BsonWriter();
        var output = new MemoryStream();
        var offsets = new int[count + 1];
        var id = new byte[12];
        var seconds = 1_710_268_868u;
        for (var i = 0; i < count; i++)
        {
            offsets[i] = (int)output.Length;
            writer.Reset();
            random.NextBytes(id);
            var (db, coll) = Namespaces[random.Next(Namespaces.Length)];
            var roll = random.Next(100);
            var operation = roll < 35 ? "insert" : roll < 75 ? "update" : roll < 90 ? "replace" : "delete";
            var increment = (uint)(i % 1000) + 1;
            seconds += increment == 1 ? 1u : 0u;
            var now = seconds * 1000L;

            writer.WriteStartDocument();
            writer.WriteStartDocument("_id");
            writer.WriteString("_data", string.Create(CultureInfo.InvariantCulture, $"82{seconds:X8}{increment:X8}2B042C0100296E5A1004A5093ABB38FE4B9EA67F01BB1A96D812463C6F7065726174696F6E54797065003C{i:X12}000004"));
            writer.WriteEndDocument();
            writer.WriteString("operationType", operation);
            writer.WriteTimestamp("clusterTime", new BsonTimestamp(seconds, increment));
            writer.WriteDateTime("wallTime", now + random.Next(1000));
            writer.WriteStartDocument("ns");
            writer.WriteString("db", db);
            writer.WriteString("coll", coll);
            writer.WriteEndDocument();
            writer.WriteStartDocument("documentKey");
            writer.WriteObjectId("_id", id);
            writer.WriteEndDocument();

            var size = random.Next(512, 4096);
            if (operation is "insert" or "replace" || (operation == "update" && random.Next(2) == 0))
            {
                writer.WriteStartDocument("fullDocument");
                documents.WriteBody(writer, id, size, now);
                writer.WriteEndDocument();
            }

            if (operation == "update")
            {
                writer.WriteStartDocument("updateDescription");
                writer.WriteStartDocument("updatedFields");
                writer.WriteString("status", "shipped");
                writer.WriteDateTime("updatedAt", now);
                writer.WriteInt32("items.2.qty", random.Next(1, 10));
                writer.WriteDecimal128("total", Decimal128.Parse("1234.50"));
                writer.WriteEndDocument();
                writer.WriteStartArray("removedFields");
                if (random.Next(3) == 0)
                {
                    writer.WriteString("0", "coupon");
                }

                writer.WriteEndArray();
                writer.WriteStartArray("truncatedArrays");
                writer.WriteEndArray();
                writer.WriteEndDocument();
            }

            writer.WriteEndDocument();
            output.Write(writer.WrittenSpan);
        }

        offsets[count] = (int)output.Length;
        return new GeneratedEvents(output.ToArray(), offsets);
    }
}
