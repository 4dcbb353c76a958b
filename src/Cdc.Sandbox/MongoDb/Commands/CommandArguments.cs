using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>Typed access to command fields with the server's error shapes for missing or mistyped ones.</summary>
internal static class CommandArguments
{
    public static string RequireString(Doc command, string field)
    {
        var value = command[field] ?? throw new CommandException(ErrorCodes.FailedToParse, $"BSON field '{field}' is missing but a required field");
        return value.Type == BsonType.String
            ? value.String
            : throw new CommandException(ErrorCodes.TypeMismatch, $"BSON field '{field}' is the wrong type '{TypeName(value)}', expected type 'string'");
    }

    public static long? OptionalInteger(Doc command, string field)
    {
        var value = command[field];
        return value is null ? null : AsInteger(value, field);
    }

    public static long AsInteger(DocValue value, string field) => value.Type switch
    {
        BsonType.Int32 => value.Int32,
        BsonType.Int64 => value.Int64,
        BsonType.Double when Math.Floor(value.Double) == value.Double && Math.Abs(value.Double) < 9.2e18 => (long)value.Double,
        _ => throw new CommandException(ErrorCodes.TypeMismatch, $"BSON field '{field}' is the wrong type '{TypeName(value)}', expected an integer"),
    };

    public static bool OptionalBoolean(Doc command, string field, bool defaultValue)
    {
        var value = command[field];
        return value is null ? defaultValue : value.Type switch
        {
            BsonType.Boolean => value.Boolean,
            BsonType.Int32 or BsonType.Int64 or BsonType.Double => value.ToDouble() != 0,
            _ => throw new CommandException(ErrorCodes.TypeMismatch, $"BSON field '{field}' is the wrong type '{TypeName(value)}', expected type 'bool'"),
        };
    }

    public static Doc? OptionalDocument(Doc command, string field)
    {
        var value = command[field];
        return value is null ? null : value.IsDocument
            ? value.Document
            : throw new CommandException(ErrorCodes.TypeMismatch, $"BSON field '{field}' is the wrong type '{TypeName(value)}', expected type 'object'");
    }

    public static List<DocValue> RequireArray(Doc command, string field)
    {
        var value = command[field] ?? throw new CommandException(ErrorCodes.FailedToParse, $"BSON field '{field}' is missing but a required field");
        return value.IsArray
            ? value.Array
            : throw new CommandException(ErrorCodes.TypeMismatch, $"BSON field '{field}' is the wrong type '{TypeName(value)}', expected type 'array'");
    }

    public static string TypeName(DocValue value) => value.Type switch
    {
        BsonType.Double => "double",
        BsonType.String => "string",
        BsonType.Document => "object",
        BsonType.Array => "array",
        BsonType.Binary => "binData",
        BsonType.ObjectId => "objectId",
        BsonType.Boolean => "bool",
        BsonType.DateTime => "date",
        BsonType.Null => "null",
        BsonType.Int32 => "int",
        BsonType.Int64 => "long",
        BsonType.Timestamp => "timestamp",
        BsonType.Decimal128 => "decimal",
        _ => value.Type.ToString(),
    };
}
