using System.Globalization;
using System.Text;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Documents;

/// <summary>A compact, shell-like rendering of values for error messages (e.g. "dup key: { _id: 1 }"); not a wire format.</summary>
internal static class DocJson
{
    public static string Format(DocValue value)
    {
        var builder = new StringBuilder();
        Append(builder, value);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, DocValue value)
    {
        if (value.HasRawBson)
        {
            Append(builder, DocValue.FromDocument(DocCodec.Read(value.Bytes)));
            return;
        }

        switch (value.Type)
        {
            case BsonType.Document:
                builder.Append("{ ");
                var first = true;
                foreach (var field in value.Document.Fields)
                {
                    builder.Append(first ? string.Empty : ", ").Append(field.Key).Append(": ");
                    Append(builder, field.Value);
                    first = false;
                }

                builder.Append(first ? "}" : " }");
                break;
            case BsonType.Array:
                builder.Append('[');
                for (var i = 0; i < value.Array.Count; i++)
                {
                    builder.Append(i == 0 ? " " : ", ");
                    Append(builder, value.Array[i]);
                }

                builder.Append(value.Array.Count == 0 ? "]" : " ]");
                break;
            case BsonType.String:
                builder.Append('"').Append(value.String).Append('"');
                break;
            case BsonType.Int32:
                builder.Append(value.Int32.ToString(CultureInfo.InvariantCulture));
                break;
            case BsonType.Int64:
                builder.Append(value.Int64.ToString(CultureInfo.InvariantCulture));
                break;
            case BsonType.Double:
                builder.Append(value.Double.ToString("R", CultureInfo.InvariantCulture));
                break;
            case BsonType.Boolean:
                builder.Append(value.Boolean ? "true" : "false");
                break;
            case BsonType.Null:
                builder.Append("null");
                break;
            case BsonType.ObjectId:
                builder.Append("ObjectId('").Append(Convert.ToHexStringLower(value.Bytes)).Append("')");
                break;
            case BsonType.DateTime:
                builder.Append("new Date(").Append(value.DateTimeMilliseconds.ToString(CultureInfo.InvariantCulture)).Append(')');
                break;
            case BsonType.Timestamp:
                builder.Append("Timestamp(").Append(value.Timestamp.Seconds.ToString(CultureInfo.InvariantCulture)).Append(", ")
                    .Append(value.Timestamp.Increment.ToString(CultureInfo.InvariantCulture)).Append(')');
                break;
            default:
                builder.Append(value.Type.ToString());
                break;
        }
    }
}
