using System.Text;
using Cdc.Schemas.Bson;

namespace Cdc.Schemas.Typed.Validator;

/// <summary>
/// One value of a <c>$jsonSchema</c> document, read once from its BSON into a small tree: the converter looks keywords
/// up by name and walks subschemas recursively, which a forward-only <see cref="BsonReader"/> cannot do. Only what the
/// converter needs is kept: the BSON type of every value (enum values are typed by it), strings, booleans, and the
/// members of documents and arrays in their order.
/// </summary>
internal sealed class SchemaNode
{
    private SchemaNode(BsonType type, string? text, bool boolean, IReadOnlyList<KeyValuePair<string, SchemaNode>> members)
    {
        Type = type;
        Text = text;
        Boolean = boolean;
        Members = members;
    }

    public BsonType Type { get; }

    /// <summary>The value of a string, else null.</summary>
    public string? Text { get; }

    /// <summary>The value of a boolean, else false.</summary>
    public bool Boolean { get; }

    /// <summary>Fields of a document, or items of an array (named "0", "1", …), in order; empty for other types.</summary>
    public IReadOnlyList<KeyValuePair<string, SchemaNode>> Members { get; }

    public bool IsDocument => Type == BsonType.Document;

    public bool IsArray => Type == BsonType.Array;

    public SchemaNode? this[string name]
    {
        get
        {
            foreach (var (key, value) in Members)
            {
                if (key == name)
                {
                    return value;
                }
            }

            return null;
        }
    }

    /// <summary>Reads a whole BSON document; malformed bytes throw <see cref="BsonFormatException"/>.</summary>
    public static SchemaNode Read(ReadOnlySpan<byte> document)
    {
        var reader = new BsonReader(document);
        return ReadMembers(ref reader, BsonType.Document);
    }

    private static SchemaNode ReadMembers(ref BsonReader reader, BsonType type)
    {
        var members = new List<KeyValuePair<string, SchemaNode>>();
        while (reader.MoveNext())
        {
            var element = reader.Current;
            var name = Encoding.UTF8.GetString(element.Name);
            members.Add(new(name, ReadValue(element)));
        }

        return new SchemaNode(type, null, false, members);
    }

    private static SchemaNode ReadValue(BsonElement element)
    {
        switch (element.Type)
        {
            case BsonType.Document or BsonType.Array:
                var nested = element.GetDocumentReader();
                return ReadMembers(ref nested, element.Type);
            case BsonType.String:
                return new SchemaNode(element.Type, Encoding.UTF8.GetString(element.GetStringUtf8()), false, []);
            case BsonType.Boolean:
                return new SchemaNode(element.Type, null, element.GetBoolean(), []);
            default:
                return new SchemaNode(element.Type, null, false, []);
        }
    }
}
