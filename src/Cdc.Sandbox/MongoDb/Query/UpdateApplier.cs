using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Query;

/// <summary>
/// Applies an operator update ($set, $unset, $inc, $push with $each, $pull, $pop, $rename, $setOnInsert) to a document,
/// with the server's checks: operands must be documents, no two paths may overlap, and _id never changes.
/// </summary>
internal static class UpdateApplier
{
    public static bool IsOperatorUpdate(Doc update) => update.Count > 0 && update.Fields[0].Key.StartsWith('$');

    public static void Validate(Doc update)
    {
        var scratch = new Doc().Add("_id", 0);
        Apply(scratch, update, isInsert: true);
    }

    public static void Apply(Doc document, Doc update, bool isInsert)
    {
        var touched = new List<string>();
        foreach (var (operatorName, operand) in update.Fields)
        {
            if (!operand.IsDocument)
            {
                throw new CommandException(ErrorCodes.FailedToParse, $"Modifiers operate on fields but we found type {CommandArguments.TypeName(operand)} instead. For example: {{$mod: {{<field>: ...}}}} not {{{operatorName}: {operand}}}");
            }

            foreach (var (path, argument) in operand.Document.Fields)
            {
                Claim(touched, path);
                if (operatorName == "$rename")
                {
                    if (argument.Type != BsonType.String)
                    {
                        throw new CommandException(ErrorCodes.BadValue, $"The 'to' field for $rename must be a string: {path}: {argument}");
                    }

                    Claim(touched, argument.String);
                }

                ApplyOne(document, operatorName, path, argument, isInsert);
            }
        }
    }

    private static void Claim(List<string> touched, string path)
    {
        if (path == "_id" || path.StartsWith("_id.", StringComparison.Ordinal))
        {
            throw new CommandException(ErrorCodes.ImmutableField, $"Performing an update on the path '{path}' would modify the immutable field '_id'");
        }

        foreach (var other in touched)
        {
            if (other == path || path.StartsWith(other + ".", StringComparison.Ordinal) || other.StartsWith(path + ".", StringComparison.Ordinal))
            {
                throw new CommandException(ErrorCodes.ConflictingUpdateOperators, $"Updating the path '{path}' would create a conflict at '{other}'");
            }
        }

        touched.Add(path);
    }

    private static void ApplyOne(Doc document, string operatorName, string path, DocValue argument, bool isInsert)
    {
        switch (operatorName)
        {
            case "$set":
                PathEditor.Set(document, path, argument.Clone());
                break;
            case "$setOnInsert":
                if (isInsert)
                {
                    PathEditor.Set(document, path, argument.Clone());
                }

                break;
            case "$unset":
                PathEditor.Remove(document, path);
                break;
            case "$inc":
                Increment(document, path, argument);
                break;
            case "$push":
                Push(document, path, argument);
                break;
            case "$pull":
                Pull(document, path, argument);
                break;
            case "$pop":
                Pop(document, path, argument);
                break;
            case "$rename":
                var value = PathEditor.Get(document, path);
                if (value is not null)
                {
                    PathEditor.Remove(document, path);
                    PathEditor.Set(document, argument.String, value);
                }

                break;
            default:
                throw CommandException.NotEmulated(ErrorCodes.FailedToParse, $"update operator {operatorName}");
        }
    }

    private static void Increment(Doc document, string path, DocValue amount)
    {
        if (!amount.IsNumber)
        {
            throw new CommandException(ErrorCodes.TypeMismatch, $"Cannot increment with non-numeric argument: {{{path}: {amount}}}");
        }

        var current = PathEditor.Get(document, path);
        if (current is null)
        {
            PathEditor.Set(document, path, amount);
            return;
        }

        if (!current.IsNumber)
        {
            throw new CommandException(ErrorCodes.TypeMismatch, $"Cannot apply $inc to a value of non-numeric type. {{_id: {document["_id"]}}} has the field '{path}' of non-numeric type {CommandArguments.TypeName(current)}");
        }

        PathEditor.Set(document, path, Add(current, amount));
    }

    private static DocValue Add(DocValue left, DocValue right)
    {
        if (left.Type == BsonType.Decimal128 || right.Type == BsonType.Decimal128)
        {
            throw CommandException.NotEmulated(ErrorCodes.BadValue, "$inc on decimal128 values");
        }

        if (left.Type == BsonType.Double || right.Type == BsonType.Double)
        {
            return DocValue.FromDouble(left.ToDouble() + right.ToDouble());
        }

        var sum = (Int128)left.Int64 + right.Int64;
        if (left.Type == BsonType.Int32 && right.Type == BsonType.Int32 && sum >= int.MinValue && sum <= int.MaxValue)
        {
            return DocValue.FromInt32((int)sum);
        }

        return sum >= long.MinValue && sum <= long.MaxValue
            ? DocValue.FromInt64((long)sum)
            : throw new CommandException(ErrorCodes.BadValue, $"Failed to apply $inc operations to current value ({left}) for document; the result overflows a 64-bit integer");
    }

    private static List<DocValue> ArrayAt(Doc document, string path, string operatorName, bool create)
    {
        var current = PathEditor.Get(document, path);
        if (current is null)
        {
            if (!create)
            {
                return [];
            }

            var created = new List<DocValue>();
            PathEditor.Set(document, path, DocValue.FromArray(created));
            return created;
        }

        return current.IsArray
            ? current.Array
            : throw new CommandException(ErrorCodes.BadValue, $"The field '{path}' must be an array but is of type {CommandArguments.TypeName(current)} in document {{_id: {document["_id"]}}} ({operatorName})");
    }

    private static void Push(Doc document, string path, DocValue argument)
    {
        var items = ArrayAt(document, path, "$push", create: true);
        if (argument.IsDocument && argument.Document["$each"] is { } each)
        {
            if (argument.Document.Count != 1)
            {
                throw CommandException.NotEmulated(ErrorCodes.BadValue, "$push modifiers other than $each ($slice, $sort, $position)");
            }

            if (!each.IsArray)
            {
                throw new CommandException(ErrorCodes.BadValue, $"The argument to $each in $push must be an array but it was of type: {CommandArguments.TypeName(each)}");
            }

            items.AddRange(each.Array.ConvertAll(static item => item.Clone()));
            return;
        }

        items.Add(argument.Clone());
    }

    private static void Pull(Doc document, string path, DocValue condition)
    {
        var items = ArrayAt(document, path, "$pull", create: false);
        var isOperatorCondition = condition.IsDocument && condition.Document.Count > 0 && condition.Document.Fields[0].Key.StartsWith('$');
        items.RemoveAll(item =>
        {
            if (isOperatorCondition)
            {
                return FilterMatcher.Matches(new Doc().Add("v", item), new Doc().Add("v", condition));
            }

            if (condition.IsDocument && item.IsDocument)
            {
                return FilterMatcher.Matches(item.Document, condition.Document);
            }

            return DocComparer.Instance.Compare(item, condition) == 0;
        });
    }

    private static void Pop(Doc document, string path, DocValue argument)
    {
        if (!argument.IsNumber || (argument.ToDouble() != 1 && argument.ToDouble() != -1))
        {
            throw new CommandException(ErrorCodes.FailedToParse, $"Expected a number in: {path}: {argument}; $pop takes 1 or -1");
        }

        var items = ArrayAt(document, path, "$pop", create: false);
        if (items.Count > 0)
        {
            items.RemoveAt(argument.ToDouble() > 0 ? items.Count - 1 : 0);
        }
    }
}
