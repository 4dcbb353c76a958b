using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Query;

/// <summary>
/// The $redact stage as the manual describes it: its expression is evaluated at each document level, the top level
/// first, with <c>$$CURRENT</c> the (sub-)document at hand and <c>$$ROOT</c> the whole document. <c>$$KEEP</c> keeps the
/// level as it is without evaluating deeper, <c>$$PRUNE</c> drops it (a pruned top level drops the document),
/// <c>$$DESCEND</c> keeps its fields and evaluates each embedded document, in arrays (and arrays of arrays) too.
/// Any other result fails with 17053.
/// </summary>
internal sealed class RedactStage
{
    private readonly Func<ExpressionScope, DocValue?> _expression;

    public RedactStage(DocValue expression)
    {
        _expression = AggregationExpression.Compile(expression);
    }

    /// <summary>The document as redacted, or null when its top level was pruned.</summary>
    public Doc? Apply(Doc document) => Redact(document, document);

    private Doc? Redact(Doc current, Doc root)
    {
        var result = _expression(new ExpressionScope(current, root));
        switch (result is { Type: Schemas.Bson.BsonType.String } ? result.String : null)
        {
            case "keep":
                return current;
            case "prune":
                return null;
            case "descend":
                var kept = new Doc();
                foreach (var (name, value) in current.Fields)
                {
                    if (RedactValue(value, root) is { } redacted)
                    {
                        kept.Add(name, redacted);
                    }
                }

                return kept;
            default:
                // The server prints the value as it renders values in messages: strings quoted, a missing value as MISSING.
                throw new CommandException(
                    17053,
                    "$redact's expression should not return anything aside from the variables $$KEEP, $$DESCEND, and $$PRUNE, but returned "
                    + (result is null ? "MISSING" : DocJson.Format(result)));
        }
    }

    private DocValue? RedactValue(DocValue value, Doc root)
    {
        if (value.IsDocument)
        {
            return Redact(value.Document, root) is { } redacted ? DocValue.FromDocument(redacted) : null;
        }

        if (value.IsArray)
        {
            var items = new List<DocValue>();
            foreach (var item in value.Array)
            {
                if (RedactValue(item, root) is { } redacted)
                {
                    items.Add(redacted);
                }
            }

            return DocValue.FromArray(items);
        }

        return value;
    }
}
