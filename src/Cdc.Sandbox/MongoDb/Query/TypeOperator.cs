using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Query;

/// <summary>
/// The <c>$type</c> query operator as the manual describes it: a BSON type number or alias ("number" for every numeric
/// type), or an array of them; a field matches when its value is of one of the types, or when it is an array holding an
/// element of one (an array field also matches "array"). A missing field never matches.
/// </summary>
internal static class TypeOperator
{
    private static readonly Dictionary<string, int> Aliases = new(StringComparer.Ordinal)
    {
        ["double"] = 1, ["string"] = 2, ["object"] = 3, ["array"] = 4, ["binData"] = 5, ["undefined"] = 6, ["objectId"] = 7,
        ["bool"] = 8, ["date"] = 9, ["null"] = 10, ["regex"] = 11, ["dbPointer"] = 12, ["javascript"] = 13, ["symbol"] = 14,
        ["javascriptWithScope"] = 15, ["int"] = 16, ["timestamp"] = 17, ["long"] = 18, ["decimal"] = 19, ["minKey"] = -1, ["maxKey"] = 127,
    };

    // "number" stands for the four numeric types.
    private const int Number = int.MinValue;

    public static bool Matches(List<DocValue> values, string path, DocValue operand)
    {
        var codes = Codes(path, operand);
        foreach (var value in values)
        {
            if (Is(value, codes) || (value.IsArray && value.Array.Exists(item => Is(item, codes))))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Is(DocValue value, List<int> codes)
    {
        var code = value.Type switch
        {
            BsonType.MinKey => -1,
            BsonType.MaxKey => 127,
            _ => (int)value.Type,
        };
        return codes.Contains(code) || (value.IsNumber && codes.Contains(Number));
    }

    private static List<int> Codes(string path, DocValue operand)
    {
        var items = operand.IsArray ? operand.Array : [operand];
        if (items.Count == 0)
        {
            throw new CommandException(ErrorCodes.FailedToParse, $"{path} must match at least one type");
        }

        return items.ConvertAll(item => Code(path, item));
    }

    private static int Code(string path, DocValue item)
    {
        if (item.Type == BsonType.String)
        {
            var alias = item.String;
            if (alias == "number")
            {
                return Number;
            }

            return Aliases.TryGetValue(alias, out var code)
                ? code
                : throw new CommandException(ErrorCodes.BadValue, $"Unknown type name alias: {alias} (in $type on field '{path}')");
        }

        if (item.IsNumber)
        {
            var number = item.ToDouble();
            return number == Math.Floor(number) && Aliases.ContainsValue((int)number)
                ? (int)number
                : throw new CommandException(ErrorCodes.BadValue, $"Invalid numerical type code: {number} (in $type on field '{path}')");
        }

        throw new CommandException(ErrorCodes.TypeMismatch, $"type must be represented as a number or a string (in $type on field '{path}')");
    }
}
