using Cdc.Sandbox.MongoDb.Cursors;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Query;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>
/// aggregate over a collection with $match, $sort, $skip, $limit, $project, $count and counting $group; a leading
/// $changeStream goes to <see cref="ChangeStreamStage"/>, a leading $currentOp (admin, aggregate: 1) to
/// <see cref="CurrentOpStage"/>, whose reports the later stages filter like documents.
/// </summary>
internal sealed class AggregateCommand : ICommandHandler
{
    private const int DefaultFirstBatch = 101;

    public IReadOnlyList<string> Names { get; } = ["aggregate"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        var pipeline = CommandArguments.RequireArray(context.Command, "pipeline").ConvertAll(stage => stage.IsDocument && stage.Document.Count == 1
            ? stage.Document
            : throw new CommandException(40323, "A pipeline stage specification object must contain exactly one field."));
        if (context.Command.Contains("explain"))
        {
            throw CommandException.NotEmulated(ErrorCodes.BadValue, "aggregate explain");
        }

        var cursorOptions = CommandArguments.OptionalDocument(context.Command, "cursor")
            ?? throw new CommandException(ErrorCodes.FailedToParse, "The 'cursor' option is required, except for aggregate with the explain argument");
        var batchSize = CursorReply.BatchSize(cursorOptions, "batchSize", DefaultFirstBatch);

        foreach (var stage in pipeline.Skip(1))
        {
            if (stage.Fields[0].Key is ChangeStreamStage.Name or CurrentOpStage.Name)
            {
                throw new CommandException(40602, $"{stage.Fields[0].Key} is only valid as the first stage in a pipeline.");
            }
        }

        // collation and comment are accepted and kept with the cursor (the originatingCommand $currentOp shows).
        CollationOption.Validate(context.Command, "aggregate");
        if (pipeline.Count > 0 && pipeline[0].Fields[0].Key == ChangeStreamStage.Name)
        {
            return ChangeStreamStage.OpenAsync(context, pipeline[0], context.Command["pipeline"]!.Array.GetRange(1, pipeline.Count - 1));
        }

        if (pipeline.Count > 0 && pipeline[0].Fields[0].Key == CurrentOpStage.Name)
        {
            var operations = CurrentOpStage.Run(context, pipeline[0]);
            foreach (var stage in pipeline.Skip(1))
            {
                operations = Apply(stage, operations);
            }

            var report = new DocumentListCursor(context.Server.Cursors.NewId(), "admin.$cmd.aggregate", operations.ConvertAll(DocCodec.Write));
            return CursorReply.FirstBatchAsync(context, report, batchSize);
        }

        var target = context.Command.Fields[0].Value;
        if (target.Type != Schemas.Bson.BsonType.String)
        {
            throw CommandException.NotEmulated(ErrorCodes.InvalidNamespace, "database-level aggregate (aggregate: 1) without $changeStream");
        }

        var name = context.CollectionArgument();
        List<Doc> documents;
        using (context.Catalog.EnterLock())
        {
            documents = context.Catalog.Find(context.Database, name)?.Documents.Select(document => document.Clone()).ToList() ?? [];
        }

        foreach (var stage in pipeline)
        {
            documents = Apply(stage, documents);
        }

        var results = documents.ConvertAll(DocCodec.Write);
        var cursor = new DocumentListCursor(context.Server.Cursors.NewId(), $"{context.Database}.{name}", results);
        return CursorReply.FirstBatchAsync(context, cursor, batchSize);
    }

    private static List<Doc> Apply(Doc stage, List<Doc> documents)
    {
        var (name, argument) = stage.Fields[0];
        switch (name)
        {
            case "$match":
                var filter = StageDocument(name, argument);
                FilterMatcher.Validate(filter);
                return documents.FindAll(document => FilterMatcher.Matches(document, filter));
            case "$sort":
                return new SortSpecification(StageDocument(name, argument)).Sort(documents);
            case "$project":
                var projection = new Projection(StageDocument(name, argument));
                return documents.ConvertAll(projection.Apply);
            case "$limit":
                var limit = StageCount(name, argument);
                return documents.Count > limit ? documents.GetRange(0, (int)limit) : documents;
            case "$group":
                return CountingGroup.Apply(StageDocument(name, argument), documents);
            case "$count":
                if (argument.Type != Schemas.Bson.BsonType.String || argument.String.Length == 0 || argument.String.StartsWith('$'))
                {
                    throw new CommandException(40156, "the count field must be a non-empty string that does not start with '$'");
                }

                return documents.Count == 0 ? [] : [new Doc().Add(argument.String, documents.Count)];
            case "$skip":
                var skip = StageCount(name, argument);
                return documents.Count > skip ? documents.GetRange((int)skip, documents.Count - (int)skip) : [];
            default:
                throw CommandException.NotEmulated(ErrorCodes.UnrecognizedPipelineStage, $"aggregation stage {name}");
        }
    }

    private static Doc StageDocument(string name, DocValue argument) =>
        argument.IsDocument ? argument.Document : throw new CommandException(ErrorCodes.TypeMismatch, $"the {name} stage specification must be an object");

    private static long StageCount(string name, DocValue argument)
    {
        var value = CommandArguments.AsInteger(argument, name);
        return value >= 0 ? value : throw new CommandException(ErrorCodes.BadValue, $"the {name} stage needs a non-negative number, not {value}");
    }
}
