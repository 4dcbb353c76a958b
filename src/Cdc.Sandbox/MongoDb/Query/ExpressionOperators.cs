using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Query;

/// <summary>
/// The expression operators the sandbox evaluates, enough for $redact's conditions: $cond, $ifNull, $literal, the
/// comparisons ($eq, $ne, $gt, $gte, $lt, $lte), $and, $or, $not, $in and $size; others are reported as not emulated.
/// </summary>
internal static class ExpressionOperators
{
    private const string Supported = "$cond, $ifNull, $literal, $eq, $ne, $gt, $gte, $lt, $lte, $and, $or, $not, $in, $size";

    public static Func<ExpressionScope, DocValue?> Compile(string name, DocValue argument)
    {
        switch (name)
        {
            case "$literal":
                var literal = argument.Clone();
                return _ => literal;
            case "$cond":
                return Cond(argument);
            case "$ifNull":
                var candidates = Operands(argument);
                if (candidates.Count < 2)
                {
                    throw new CommandException(1257300, "$ifNull needs at least two arguments, had: " + candidates.Count);
                }

                return scope =>
                {
                    for (var i = 0; i < candidates.Count - 1; i++)
                    {
                        if (candidates[i](scope) is { Type: not (BsonType.Null or BsonType.Undefined) } value)
                        {
                            return value;
                        }
                    }

                    return candidates[^1](scope);
                };
            case "$eq" or "$ne" or "$gt" or "$gte" or "$lt" or "$lte":
                var pair = Exactly(name, argument, 2);
                var holds = Comparison(name);
                return scope => DocValue.FromBoolean(holds(AggregationExpression.Compare(pair[0](scope), pair[1](scope))));
            case "$and":
                var all = Operands(argument);
                return scope => DocValue.FromBoolean(all.TrueForAll(operand => AggregationExpression.IsTrue(operand(scope))));
            case "$or":
                var any = Operands(argument);
                return scope => DocValue.FromBoolean(any.Exists(operand => AggregationExpression.IsTrue(operand(scope))));
            case "$not":
                var negated = Exactly(name, argument, 1)[0];
                return scope => DocValue.FromBoolean(!AggregationExpression.IsTrue(negated(scope)));
            case "$in":
                var membership = Exactly(name, argument, 2);
                return scope =>
                {
                    var value = membership[0](scope);
                    var array = membership[1](scope);
                    return array is { IsArray: true }
                        ? DocValue.FromBoolean(array.Array.Exists(item => AggregationExpression.Compare(value, item) == 0))
                        : throw new CommandException(40081, $"$in requires an array as a second argument, found: {TypeName(array)}");
                };
            case "$size":
                var sized = Exactly(name, argument, 1)[0];
                return scope => sized(scope) is var array && array is { IsArray: true }
                    ? DocValue.FromInt32(array.Array.Count)
                    : throw new CommandException(17124, $"The argument to $size must be an array. Type of argument: {TypeName(array)}");
            default:
                throw CommandException.NotEmulated(ErrorCodes.InvalidPipelineOperator, $"the expression operator {name} (the sandbox evaluates {Supported})");
        }
    }

    private static Func<ExpressionScope, DocValue?> Cond(DocValue argument)
    {
        Func<ExpressionScope, DocValue?> condition, then, otherwise;
        if (argument.IsDocument)
        {
            Func<ExpressionScope, DocValue?>? ifPart = null, thenPart = null, elsePart = null;
            foreach (var (key, value) in argument.Document.Fields)
            {
                switch (key)
                {
                    case "if": ifPart = AggregationExpression.Compile(value); break;
                    case "then": thenPart = AggregationExpression.Compile(value); break;
                    case "else": elsePart = AggregationExpression.Compile(value); break;
                    default: throw new CommandException(17083, $"Unrecognized parameter to $cond: {key}");
                }
            }

            condition = ifPart ?? throw new CommandException(17080, "Missing 'if' parameter to $cond");
            then = thenPart ?? throw new CommandException(17081, "Missing 'then' parameter to $cond");
            otherwise = elsePart ?? throw new CommandException(17082, "Missing 'else' parameter to $cond");
        }
        else
        {
            var parts = Exactly("$cond", argument, 3);
            (condition, then, otherwise) = (parts[0], parts[1], parts[2]);
        }

        return scope => AggregationExpression.IsTrue(condition(scope)) ? then(scope) : otherwise(scope);
    }

    private static Func<int, bool> Comparison(string name) => name switch
    {
        "$eq" => order => order == 0,
        "$ne" => order => order != 0,
        "$gt" => order => order > 0,
        "$gte" => order => order >= 0,
        "$lt" => order => order < 0,
        _ => order => order <= 0,
    };

    // An operator's arguments: the elements of an array, or one non-array value.
    private static List<Func<ExpressionScope, DocValue?>> Operands(DocValue argument) =>
        argument.IsArray ? argument.Array.ConvertAll(AggregationExpression.Compile) : [AggregationExpression.Compile(argument)];

    private static List<Func<ExpressionScope, DocValue?>> Exactly(string name, DocValue argument, int count)
    {
        var operands = Operands(argument);
        return operands.Count == count
            ? operands
            : throw new CommandException(16020, $"Expression {name} takes exactly {count} arguments. {operands.Count} were passed in.");
    }

    private static string TypeName(DocValue? value) => value is null ? "missing" : value.Type switch
    {
        BsonType.Double => "double",
        BsonType.String => "string",
        BsonType.Document => "object",
        BsonType.Array => "array",
        BsonType.Boolean => "bool",
        BsonType.Null => "null",
        BsonType.Int32 => "int",
        BsonType.Int64 => "long",
        BsonType.Decimal128 => "decimal",
        BsonType.DateTime => "date",
        BsonType.ObjectId => "objectId",
        _ => value.Type.ToString(),
    };
}
