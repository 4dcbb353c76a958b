using System.Globalization;
using Cdc.Schemas.Bson;

namespace Cdc.Bench.Transcode;

/// <summary>
/// Deterministic, realistic MongoDB documents of a requested size (0.5–4 KB): nested documents, arrays, dates,
/// ObjectIds, decimals, doubles, longs and strings with non-ASCII text.
/// </summary>
internal sealed class DocumentGenerator(Random random)
{
    private static readonly string[] Names = ["Zoë Ångström", "José Núñez", "Łukasz Żółć", "Άννα Παπαδοπούλου", "山田 太郎", "Olivia Smith", "Müller Jürgen", "Saoirse Ní Bhriain"];
    private static readonly string[] Cities = ["Malmö", "São Paulo", "Kraków", "Αθήνα", "東京", "London", "München", "Dublin"];
    private static readonly string[] Words = ["order", "shipped", "paid", "refund", "priority", "gift", "fragile", "express", "naïve", "café", "über", "日本語", "emoji 🙂", "return"];
    private static readonly string[] Indexes = [.. Enumerable.Range(0, 64).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    private readonly byte[] _objectId = new byte[12];

    /// <summary>Writes the fields of a document (the caller has opened it) of roughly <paramref name="targetBytes"/>.</summary>
    public void WriteBody(BsonWriter writer, ReadOnlySpan<byte> id, int targetBytes, long now)
    {
        writer.WriteObjectId("_id", id);
        writer.WriteString("customer", Names[random.Next(Names.Length)]);
        writer.WriteString("email", $"user{random.Next(1_000_000)}@example.com");
        writer.WriteDateTime("createdAt", now - random.Next(1_000_000_000));
        writer.WriteDecimal128("total", Decimal128.Parse(Money()));
        writer.WriteDouble("score", Math.Round(random.NextDouble() * 100, 3));
        writer.WriteInt64("visits", random.NextInt64(1L << 40));
        writer.WriteBoolean("active", random.Next(2) == 0);
        writer.WriteNull("deletedAt");

        writer.WriteStartDocument("address");
        writer.WriteString("street", $"{random.Next(1, 300)} {Words[random.Next(Words.Length)]} street");
        writer.WriteString("city", Cities[random.Next(Cities.Length)]);
        writer.WriteString("zip", random.Next(10000, 99999).ToString(CultureInfo.InvariantCulture));
        writer.WriteStartDocument("geo");
        writer.WriteString("type", "Point");
        writer.WriteStartArray("coordinates");
        writer.WriteDouble(Indexes[0], (random.NextDouble() * 360) - 180);
        writer.WriteDouble(Indexes[1], (random.NextDouble() * 180) - 90);
        writer.WriteEndArray();
        writer.WriteEndDocument();
        writer.WriteEndDocument();

        writer.WriteStartArray("tags");
        var tagCount = random.Next(1, 6);
        for (var i = 0; i < tagCount; i++)
        {
            writer.WriteString(Indexes[i], Words[random.Next(Words.Length)]);
        }

        writer.WriteEndArray();

        // Line items fill the document up to its target size (~150 bytes each).
        var items = Math.Clamp((targetBytes - 450) / 150, 0, Indexes.Length);
        writer.WriteStartArray("items");
        for (var i = 0; i < items; i++)
        {
            writer.WriteStartDocument(Indexes[i]);
            random.NextBytes(_objectId);
            writer.WriteObjectId("productId", _objectId);
            writer.WriteString("sku", $"SKU-{random.Next(100000):D6}");
            writer.WriteString("title", $"{Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]}");
            writer.WriteInt32("qty", random.Next(1, 10));
            writer.WriteDecimal128("price", Decimal128.Parse(Money()));
            writer.WriteDateTime("addedAt", now - random.Next(100_000_000));
            writer.WriteEndDocument();
        }

        writer.WriteEndArray();
        writer.WriteString("note", $"Merci pour votre commande — {Words[random.Next(Words.Length)]}, ご注文ありがとうございます");
    }

    private string Money() => $"{random.Next(1, 5000)}.{random.Next(100):D2}";
}
