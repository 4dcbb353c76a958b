using Cdc.Schemas.Bson;

namespace Cdc.Schemas.Typed.Validator;

/// <summary>
/// The type names of MongoDB's <c>$jsonSchema</c> dialect: <c>bsonType</c> takes MongoDB's BSON type aliases,
/// <c>type</c> the JSON Schema names MongoDB supports (it has no <c>integer</c>). <c>number</c> stands for every numeric
/// BSON type, in the order int, long, double, decimal.
/// </summary>
internal static class JsonSchemaTypeNames
{
    private static readonly BsonType[] Numbers = [BsonType.Int32, BsonType.Int64, BsonType.Double, BsonType.Decimal128];

    private static readonly Dictionary<string, BsonType[]> BsonTypeAliases = new(StringComparer.Ordinal)
    {
        ["double"] = [BsonType.Double],
        ["string"] = [BsonType.String],
        ["object"] = [BsonType.Document],
        ["array"] = [BsonType.Array],
        ["binData"] = [BsonType.Binary],
        ["undefined"] = [BsonType.Undefined],
        ["objectId"] = [BsonType.ObjectId],
        ["bool"] = [BsonType.Boolean],
        ["date"] = [BsonType.DateTime],
        ["null"] = [BsonType.Null],
        ["regex"] = [BsonType.RegularExpression],
        ["dbPointer"] = [BsonType.DBPointer],
        ["javascript"] = [BsonType.JavaScript],
        ["symbol"] = [BsonType.Symbol],
        ["javascriptWithScope"] = [BsonType.JavaScriptWithScope],
        ["int"] = [BsonType.Int32],
        ["timestamp"] = [BsonType.Timestamp],
        ["long"] = [BsonType.Int64],
        ["decimal"] = [BsonType.Decimal128],
        ["minKey"] = [BsonType.MinKey],
        ["maxKey"] = [BsonType.MaxKey],
        ["number"] = Numbers,
    };

    private static readonly Dictionary<string, BsonType[]> JsonTypes = new(StringComparer.Ordinal)
    {
        ["object"] = [BsonType.Document],
        ["array"] = [BsonType.Array],
        ["number"] = Numbers,
        ["boolean"] = [BsonType.Boolean],
        ["string"] = [BsonType.String],
        ["null"] = [BsonType.Null],
    };

    /// <summary>The BSON types of a name of <paramref name="keyword"/> (bsonType or type), or null for a name it does not know.</summary>
    public static IReadOnlyList<BsonType>? Resolve(string keyword, string name) =>
        (keyword == "bsonType" ? BsonTypeAliases : JsonTypes).TryGetValue(name, out var types) ? types : null;

    /// <summary>The names <paramref name="keyword"/> accepts, for a refusal's message.</summary>
    public static string Known(string keyword) =>
        string.Join(", ", (keyword == "bsonType" ? BsonTypeAliases : JsonTypes).Keys);
}
