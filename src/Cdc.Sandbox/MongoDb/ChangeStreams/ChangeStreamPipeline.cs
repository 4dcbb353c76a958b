using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Query;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.ChangeStreams;

/// <summary>
/// The stages a change stream allows after $changeStream that the sandbox evaluates: $match, $project,
/// $addFields/$set (literal values and "$path" references), $unset, $replaceRoot/$replaceWith ("$path"), $redact
/// (<see cref="RedactStage"/>; an event whose top level it prunes is skipped, like one $match drops). An event
/// whose _id (its resume token) a stage changed fails with ChangeStreamFatalError (280), as on a server.
/// </summary>
internal sealed class ChangeStreamPipeline
{
    private readonly List<Func<Doc, Doc?>> _stages = [];

    public ChangeStreamPipeline(IReadOnlyList<DocValue> stages)
    {
        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            if (!stage.IsDocument || stage.Document.Count != 1)
            {
                throw new CommandException(40323, "A pipeline stage specification object must contain exactly one field.");
            }

            var (name, argument) = (stage.Document.Fields[0].Key, stage.Document.Fields[0].Value);
            if (name == SplitLargeEventStage.Name)
            {
                SplitLargeEventStage.Validate(argument, isLast: i == stages.Count - 1);
                SplitsLargeEvents = true;
                continue;
            }

            _stages.Add(Compile(name, argument));
        }
    }

    /// <summary>True when no stage changes events ($changeStreamSplitLargeEvent, which only cuts them, is not counted).</summary>
    public bool IsEmpty => _stages.Count == 0;

    /// <summary>The pipeline ends with $changeStreamSplitLargeEvent: events over 16 MB are delivered as fragments.</summary>
    public bool SplitsLargeEvents { get; }

    /// <summary>The event after every stage, or null if a $match dropped it or a $redact pruned it.</summary>
    public Doc? Apply(Doc change)
    {
        var token = change["_id"]!;
        var current = change;
        foreach (var stage in _stages)
        {
            current = stage(current);
            if (current is null)
            {
                return null;
            }
        }

        if (current["_id"] is not { } id || DocComparer.Instance.Compare(id, token) != 0)
        {
            throw new CommandException(
                ErrorCodes.ChangeStreamFatalError,
                "Encountered an event whose _id field, which contains the resume token, was modified by the pipeline. Modifying the _id field of an event makes it impossible to resume the stream from that point. Only transformations that retain the unmodified _id field are allowed.");
        }

        return current;
    }

    private static Func<Doc, Doc?> Compile(string name, DocValue argument)
    {
        switch (name)
        {
            case "$match":
                var filter = StageDocument(name, argument);
                FilterMatcher.Validate(filter);
                return change => FilterMatcher.Matches(change, filter) ? change : null;
            case "$project":
                var projection = new Projection(StageDocument(name, argument));
                return projection.Apply;
            case "$addFields" or "$set":
                var additions = StageDocument(name, argument);
                foreach (var (_, value) in additions.Fields)
                {
                    ValidateExpression(name, value);
                }

                return change => AddFields(change, additions);
            case "$unset":
                var paths = argument.Type == BsonType.String ? [argument.String]
                    : argument.IsArray && argument.Array.TrueForAll(item => item.Type == BsonType.String) ? argument.Array.ConvertAll(item => item.String)
                    : throw new CommandException(31002, "$unset specification must be a string or an array of strings");
                return change =>
                {
                    foreach (var path in paths)
                    {
                        PathEditor.Remove(change, path);
                    }

                    return change;
                };
            case "$replaceRoot":
                var root = StageDocument(name, argument)["newRoot"] ?? throw new CommandException(40231, "no newRoot specified for the $replaceRoot stage");
                return ReplaceRoot(root);
            case "$replaceWith":
                return ReplaceRoot(argument);
            case "$redact":
                return new RedactStage(argument).Apply;
            default:
                throw CommandException.NotEmulated(
                    ErrorCodes.UnrecognizedPipelineStage,
                    $"the stage {name} after $changeStream (the sandbox evaluates $match, $project, $addFields, $set, $unset, $replaceRoot, $replaceWith, $redact)");
        }
    }

    private static Func<Doc, Doc?> ReplaceRoot(DocValue newRoot)
    {
        ValidateExpression("$replaceRoot", newRoot);
        return change => Evaluate(change, newRoot) is { IsDocument: true } value
            ? value.Document
            : throw new CommandException(40228, $"'newRoot' expression must evaluate to an object, but resulting value was of another type (expression {newRoot})");
    }

    private static Doc AddFields(Doc change, Doc additions)
    {
        foreach (var (path, expression) in additions.Fields)
        {
            var value = Evaluate(change, expression);
            PathEditor.Set(change, path, value ?? DocValue.Null);
        }

        return change;
    }

    /// <summary>A literal, a "$path" field reference, or a document of those (an expression object).</summary>
    private static DocValue? Evaluate(Doc change, DocValue expression)
    {
        if (expression.Type == BsonType.String && expression.String.StartsWith('$'))
        {
            return PathValues.First(change, expression.String[1..]);
        }

        if (expression.IsDocument)
        {
            var result = new Doc();
            foreach (var (key, value) in expression.Document.Fields)
            {
                if (Evaluate(change, value) is { } evaluated)
                {
                    result.Add(key, evaluated.Clone());
                }
            }

            return DocValue.FromDocument(result);
        }

        return expression.Clone();
    }

    private static void ValidateExpression(string stage, DocValue expression)
    {
        if (expression.Type == BsonType.String && expression.String.StartsWith("$$", StringComparison.Ordinal))
        {
            throw CommandException.NotEmulated(ErrorCodes.BadValue, $"the variable {expression.String} in {stage}");
        }

        if (expression.IsDocument)
        {
            foreach (var (key, value) in expression.Document.Fields)
            {
                if (key.StartsWith('$'))
                {
                    throw CommandException.NotEmulated(ErrorCodes.BadValue, $"the expression operator {key} in {stage} (only literals and \"$field\" paths are evaluated)");
                }

                ValidateExpression(stage, value);
            }
        }
    }

    private static Doc StageDocument(string name, DocValue argument) =>
        argument.IsDocument ? argument.Document : throw new CommandException(ErrorCodes.TypeMismatch, $"the {name} stage specification must be an object");
}
