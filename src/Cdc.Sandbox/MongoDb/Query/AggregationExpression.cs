using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Query;

/// <summary>
/// Compiles an aggregation expression once, as the server parses a stage, into a function of the scope: literals,
/// "$field.path" (from <c>$$CURRENT</c>, across arrays of sub-documents), the variables <c>$$ROOT</c>, <c>$$CURRENT</c>
/// and the $redact results <c>$$KEEP</c>, <c>$$PRUNE</c>, <c>$$DESCEND</c>, expression objects and arrays, and the
/// operators of <see cref="ExpressionOperators"/>. A null result is a missing value.
/// </summary>
internal static class AggregationExpression
{
    // The server's values for the $redact variables: the stage compares its expression's result to these.
    private static readonly Dictionary<string, DocValue> RedactVariables = new(StringComparer.Ordinal)
    {
        ["KEEP"] = DocValue.FromString("keep"),
        ["PRUNE"] = DocValue.FromString("prune"),
        ["DESCEND"] = DocValue.FromString("descend"),
    };

    public static Func<ExpressionScope, DocValue?> Compile(DocValue expression)
    {
        if (expression.Type == BsonType.String && expression.String.StartsWith("$$", StringComparison.Ordinal))
        {
            return Variable(expression.String[2..]);
        }

        if (expression.Type == BsonType.String && expression.String.StartsWith('$'))
        {
            var segments = FieldPath(expression.String[1..]);
            return scope => Traverse(DocValue.FromDocument(scope.Current), segments, 0);
        }

        if (expression.IsArray)
        {
            var items = expression.Array.ConvertAll(Compile);
            return scope => DocValue.FromArray(items.ConvertAll(item => item(scope) ?? DocValue.Null));
        }

        if (expression.IsDocument)
        {
            return CompileObject(expression.Document);
        }

        var literal = expression.Clone();
        return _ => literal;
    }

    /// <summary>Whether a value counts as true where an expression needs a condition: all but false, null, missing, undefined and zero.</summary>
    public static bool IsTrue(DocValue? value) => value is not null && value.Type switch
    {
        BsonType.Boolean => value.Boolean,
        BsonType.Null or BsonType.Undefined => false,
        BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128 => value.ToDouble() != 0,
        _ => true,
    };

    /// <summary>Orders values as aggregation compares them: a missing value below every other, null included.</summary>
    public static int Compare(DocValue? x, DocValue? y) =>
        x is null ? (y is null ? 0 : -1) : y is null ? 1 : DocComparer.Instance.Compare(x, y);

    private static Func<ExpressionScope, DocValue?> CompileObject(Doc expression)
    {
        if (expression.Count > 0 && expression.Fields[0].Key.StartsWith('$'))
        {
            if (expression.Count != 1)
            {
                throw new CommandException(
                    15983,
                    $"an expression specification must contain exactly one field, the name of the expression. Found {expression.Count} fields in {expression}");
            }

            return ExpressionOperators.Compile(expression.Fields[0].Key, expression.Fields[0].Value);
        }

        var fields = new List<(string Name, Func<ExpressionScope, DocValue?> Value)>();
        foreach (var (name, value) in expression.Fields)
        {
            if (name.StartsWith('$'))
            {
                throw new CommandException(16410, $"FieldPath field names may not start with '$'. Consider using $getField or $setField.");
            }

            fields.Add((name, Compile(value)));
        }

        return scope =>
        {
            var result = new Doc();
            foreach (var (name, value) in fields)
            {
                // A field whose expression is missing is left out, as on a server.
                if (value(scope) is { } evaluated)
                {
                    result.Add(name, evaluated);
                }
            }

            return DocValue.FromDocument(result);
        };
    }

    private static Func<ExpressionScope, DocValue?> Variable(string reference)
    {
        var dot = reference.IndexOf('.', StringComparison.Ordinal);
        var name = dot < 0 ? reference : reference[..dot];
        var segments = dot < 0 ? [] : FieldPath(reference[(dot + 1)..]);
        switch (name)
        {
            case "ROOT":
                return scope => Traverse(DocValue.FromDocument(scope.Root), segments, 0);
            case "CURRENT":
                return scope => Traverse(DocValue.FromDocument(scope.Current), segments, 0);
            default:
                if (RedactVariables.TryGetValue(name, out var value))
                {
                    return scope => Traverse(value, segments, 0);
                }

                throw name.Length > 0 && char.IsLower(name[0])
                    ? new CommandException(17276, $"Use of undefined variable: {name}")
                    : CommandException.NotEmulated(17276, $"the variable $${name} (the sandbox knows $$ROOT, $$CURRENT, $$KEEP, $$PRUNE, $$DESCEND)");
        }
    }

    private static string[] FieldPath(string path)
    {
        var segments = path.Split('.');
        if (Array.Exists(segments, segment => segment.Length == 0))
        {
            throw new CommandException(15998, "FieldPath field names may not be empty strings.");
        }

        return segments;
    }

    // A path through an array reads the path in each of its sub-documents (nested arrays included) and yields the
    // array of what it found, as aggregation does ("$a.b" over a: [{b: 1}, {c: 2}, 3] is [1]).
    private static DocValue? Traverse(DocValue value, string[] segments, int index)
    {
        if (index == segments.Length)
        {
            return value;
        }

        if (value.IsDocument)
        {
            return value.Document.TryGet(segments[index], out var field) ? Traverse(field, segments, index + 1) : null;
        }

        if (value.IsArray)
        {
            var found = new List<DocValue>();
            foreach (var item in value.Array)
            {
                if ((item.IsDocument || item.IsArray) && Traverse(item, segments, index) is { } result)
                {
                    found.Add(result);
                }
            }

            return DocValue.FromArray(found);
        }

        return null;
    }
}
