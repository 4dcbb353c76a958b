using Cdc.Schemas.Bson;

namespace Cdc.Connector.Tests.Sink;

/// <summary>
/// Documents whose shape drifts as a real collection's does: 30 shapes, met in a deterministic order over the corpus —
/// fields that appear later, a field whose type changes (int, then long, then string), nulls, a nested document that
/// gains fields, arrays of documents whose items gain fields, an array that starts empty. Without type drift
/// (<c>typesDrift: false</c>) only fields are added: qty stays int32, discount a double, items never empty.
/// </summary>
internal static class DriftCorpus
{
    public const int Shapes = 30;

    public static IEnumerable<byte[]> Documents(int count, bool typesDrift = true)
    {
        var random = new Random(19);
        for (var i = 0; i < count; i++)
        {
            // Shapes unlock one by one over the first third of the corpus; after that every shape recurs at random.
            var unlocked = Math.Min(Shapes, 1 + (i * Shapes * 3 / count));
            yield return Document(i, random.Next(unlocked), random, typesDrift);
        }
    }

    /// <summary>Every (field path, BSON type) pair of <paramref name="document"/>; array items are the path plus "[]".</summary>
    public static void CollectPaths(ReadOnlySpan<byte> document, string path, HashSet<string> into)
    {
        var reader = new BsonReader(document);
        while (reader.MoveNext())
        {
            var element = reader.Current;
            var name = path + "/" + System.Text.Encoding.UTF8.GetString(element.Name);
            Collect(element, name, into);
        }
    }

    private static void Collect(BsonElement element, string path, HashSet<string> into)
    {
        if (element.Type == BsonType.Null)
        {
            return;
        }

        into.Add(path + ":" + element.Type);
        if (element.Type == BsonType.Document)
        {
            CollectPaths(element.Value, path, into);
        }
        else if (element.Type == BsonType.Array)
        {
            var items = element.GetDocumentReader();
            while (items.MoveNext())
            {
                Collect(items.Current, path + "[]", into);
            }
        }
    }

    private static byte[] Document(int index, int shape, Random random, bool typesDrift)
    {
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        writer.WriteInt32("_id", index);
        writer.WriteString("status", shape % 3 == 0 ? "paid" : "open");

        // qty: int32 first, int64 from shape 8, a string from shape 16 (three union branches).
        if (typesDrift && shape >= 16 && shape % 2 == 0)
        {
            writer.WriteString("qty", "many");
        }
        else if (typesDrift && shape >= 8 && shape % 3 == 1)
        {
            writer.WriteInt64("qty", 10_000_000_000L + index);
        }
        else
        {
            writer.WriteInt32("qty", random.Next(1, 9));
        }

        // A nullable field: null in some documents, a double in others.
        if (typesDrift && shape % 4 == 0)
        {
            writer.WriteNull("discount");
        }
        else
        {
            writer.WriteDouble("discount", random.Next(0, 50) / 100.0);
        }

        // Fields that appear with later shapes.
        for (var extra = 1; extra <= shape / 3; extra++)
        {
            writer.WriteString("note" + extra, "n" + index);
        }

        writer.WriteStartDocument("address");
        writer.WriteString("city", "Malmö");
        if (shape >= 5)
        {
            writer.WriteString("zip", "21119");
        }

        if (shape >= 12)
        {
            writer.WriteStartDocument("geo");
            writer.WriteDouble("lat", 55.6);
            writer.WriteDouble("lon", 13.0);
            writer.WriteEndDocument();
        }

        writer.WriteEndDocument();

        writer.WriteStartArray("items");
        var items = shape < 2 && typesDrift ? 0 : 1 + (index % 3);
        for (var item = 0; item < items; item++)
        {
            writer.WriteStartDocument(item.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("sku", "SKU-" + item);
            writer.WriteInt32("n", item + 1);
            if (shape >= 20)
            {
                writer.WriteDateTime("addedAt", 1_700_000_000_000L + index);
            }

            if (shape >= 25)
            {
                writer.WriteStartArray("tags");
                writer.WriteString("0", "gift");
                writer.WriteEndArray();
            }

            writer.WriteEndDocument();
        }

        writer.WriteEndArray();
        writer.WriteEndDocument();
        return writer.ToArray();
    }
}
