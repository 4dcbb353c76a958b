using System.Text;
using System.Text.Json;

namespace Cdc.Schemas.Typed;

/// <summary>The schema properties the type table uses, and the JSON values they and the null defaults hold.</summary>
internal static class TypedSchemaProperties
{
    /// <summary>On a branch's own schema: the BSON type where Avro's type alone does not say it.</summary>
    public const string MongoDbType = "mongodb.type";

    /// <summary>On a field whose Avro name differs from the document's: the original name.</summary>
    public const string MongoDbName = "mongodb.name";

    public const string ObjectId = "objectId";
    public const string Decimal128 = "decimal128";
    public const string Uuid = "uuid";
    public const string ExtendedJson = "extendedJson";
    public const string Timestamp = "timestamp";
    public const string RegularExpression = "regex";

    public static JsonElement NullDefault { get; } = Parse("null");

    public static JsonElement StringValue(string text)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStringValue(text);
        }

        return Parse(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>The string value of <paramref name="name"/> in <paramref name="properties"/>, or null when absent or not a string.</summary>
    public static string? Find(IReadOnlyList<KeyValuePair<string, JsonElement>> properties, string name)
    {
        foreach (var (key, value) in properties)
        {
            if (key == name)
            {
                return value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            }
        }

        return null;
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
