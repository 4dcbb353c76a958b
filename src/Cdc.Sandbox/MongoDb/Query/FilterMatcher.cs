using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Query;

/// <summary>
/// The subset of the query language the sandbox evaluates: equality (dotted paths, array membership), $eq, $ne, $gt,
/// $gte, $lt, $lte (within one type bracket, as MongoDB compares, with mongod's exceptions: a MinKey or MaxKey operand
/// bounds every type, and NaN is only $gte/$lte NaN), $in, $nin, $exists, $type, $and, $or, $nor. Any other
/// operator is refused with BadValue naming it, never silently ignored.
/// </summary>
internal static class FilterMatcher
{
    public static bool Matches(Doc document, Doc filter)
    {
        foreach (var (key, condition) in filter.Fields)
        {
            if (!MatchesField(document, key, condition))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Checks the filter's operators without evaluating it, so an empty collection still rejects a bad filter.</summary>
    public static void Validate(Doc filter) => Matches(new Doc(), filter);

    private static bool MatchesField(Doc document, string key, DocValue condition)
    {
        switch (key)
        {
            case "$and":
                return Clauses(key, condition).TrueForAll(clause => Matches(document, clause));
            case "$or":
                {
                    var clauses = Clauses(key, condition);
                    return clauses.Exists(clause => Matches(document, clause));
                }

            case "$nor":
                return !Clauses(key, condition).Exists(clause => Matches(document, clause));
            case "$comment":
                return true;
        }

        if (key.StartsWith('$'))
        {
            throw CommandException.NotEmulated(ErrorCodes.BadValue, $"top-level query operator {key}");
        }

        var values = new List<DocValue>();
        PathValues.Collect(document, key, values);
        if (condition.IsDocument && condition.Document.Count > 0 && condition.Document.Fields[0].Key.StartsWith('$'))
        {
            foreach (var (operatorName, operand) in condition.Document.Fields)
            {
                if (!MatchesOperator(values, key, operatorName, operand))
                {
                    return false;
                }
            }

            return true;
        }

        return EqualsAny(values, condition);
    }

    private static bool MatchesOperator(List<DocValue> values, string path, string operatorName, DocValue operand) => operatorName switch
    {
        "$eq" => EqualsAny(values, operand),
        "$ne" => !EqualsAny(values, operand),
        "$gt" or "$gte" or "$lt" or "$lte" => CompareAny(values, operatorName, operand),
        "$in" => InList(path, operatorName, operand).Exists(candidate => EqualsAny(values, candidate)),
        "$nin" => !InList(path, operatorName, operand).Exists(candidate => EqualsAny(values, candidate)),
        "$exists" => (values.Count > 0) == Truthy(operand),
        "$type" => TypeOperator.Matches(values, path, operand),
        _ => throw CommandException.NotEmulated(ErrorCodes.BadValue, $"query operator {operatorName} (on field '{path}')"),
    };

    private static List<Doc> Clauses(string key, DocValue condition)
    {
        if (!condition.IsArray || condition.Array.Count == 0)
        {
            throw new CommandException(ErrorCodes.BadValue, $"{key} must be a nonempty array");
        }

        return condition.Array.ConvertAll(clause => clause.IsDocument
            ? clause.Document
            : throw new CommandException(ErrorCodes.BadValue, $"{key} argument's entries must be objects"));
    }

    private static List<DocValue> InList(string path, string operatorName, DocValue operand) =>
        operand.IsArray ? operand.Array : throw new CommandException(ErrorCodes.BadValue, $"{operatorName} needs an array (on field '{path}')");

    private static bool Truthy(DocValue value) => value.Type switch
    {
        BsonType.Boolean => value.Boolean,
        BsonType.Null => false,
        _ when value.IsNumber => value.ToDouble() != 0,
        _ => true,
    };

    /// <summary>Equality as the query language has it: a missing field equals null; an array matches if it or any element does.</summary>
    private static bool EqualsAny(List<DocValue> values, DocValue expected)
    {
        if (values.Count == 0)
        {
            return expected.Type == BsonType.Null;
        }

        foreach (var value in values)
        {
            if (DocComparer.Instance.Compare(value, expected) == 0)
            {
                return true;
            }

            if (value.IsArray && value.Array.Exists(item => DocComparer.Instance.Compare(item, expected) == 0))
            {
                return true;
            }
        }

        return false;
    }

    private static bool CompareAny(List<DocValue> values, string operatorName, DocValue operand)
    {
        foreach (var value in values)
        {
            if (Compares(value, operatorName, operand))
            {
                return true;
            }

            if (value.IsArray && value.Array.Exists(item => Compares(item, operatorName, operand)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One value against a range operator, as mongod's ComparisonMatchExpression decides it.</summary>
    private static bool Compares(DocValue value, string operatorName, DocValue operand)
    {
        var greater = operatorName is "$gt" or "$gte";
        if (!SameBracket(value, operand))
        {
            // Only values of the operand's type bracket compare ({a: {$gt: 1}} never matches a string), except that
            // MinKey and MaxKey bound every type: $gt/$gte MinKey and $lt/$lte MaxKey match any other value.
            return greater ? operand.Type == BsonType.MinKey : operand.Type == BsonType.MaxKey;
        }

        // NaN equals NaN but is neither above nor below anything (though it sorts first among numbers).
        if (IsNaN(value) || IsNaN(operand))
        {
            return IsNaN(value) && IsNaN(operand) && operatorName is "$gte" or "$lte";
        }

        var order = DocComparer.Instance.Compare(value, operand);
        return operatorName switch
        {
            "$gt" => order > 0,
            "$gte" => order >= 0,
            "$lt" => order < 0,
            _ => order <= 0,
        };
    }

    private static bool IsNaN(DocValue value) => value.IsNumber && double.IsNaN(value.ToDouble());

    // Comparison operators only match values of the operand's type bracket: {a: {$gt: 1}} never matches a string.
    private static bool SameBracket(DocValue value, DocValue operand) =>
        DocComparer.TypeRank(value.Type) == DocComparer.TypeRank(operand.Type);
}
