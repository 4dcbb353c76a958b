using System.Collections.Immutable;
using Cdc.Sandbox.MongoDb.Cursors;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Query;
using Cdc.Sandbox.MongoDb.Storage;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>
/// aggregate over a collection with $match, $sort, $skip, $limit, $project, $redact, $count and counting $group, over the
/// collection's snapshot at the read (a leading $match/$sort-by-_id/$skip/$limit run as a lazy walk of the _id order,
/// like find; results are encoded batch by batch); a leading $collStats reports the collection's counts and sizes
/// (<see cref="CollStatsStage"/>); a leading $changeStream goes to <see cref="ChangeStreamStage"/>, a leading
/// $currentOp (admin, aggregate: 1) to <see cref="CurrentOpStage"/>, whose reports the later stages filter like documents.
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
            if (stage.Fields[0].Key is ChangeStreamStage.Name or CurrentOpStage.Name or CollStatsStage.Name)
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
        ReadConcernOption.Validate(context);
        var ns = $"{context.Database}.{name}";
        if (pipeline.Count > 0 && pipeline[0].Fields[0].Key == CollStatsStage.Name)
        {
            var stats = CollStatsStage.Run(context, name, pipeline[0]);
            foreach (var stage in pipeline.Skip(1))
            {
                stats = Apply(stage, stats);
            }

            return CursorReply.FirstBatchAsync(context, new DocumentStreamCursor(context.Server.Cursors.NewId(), ns, stats), batchSize);
        }

        ImmutableSortedSet<Doc>? snapshot;
        using (context.Catalog.EnterLock())
        {
            snapshot = context.Catalog.Find(context.Database, name)?.Snapshot;
        }

        var (results, answered) = LeadingScan(snapshot ?? ImmutableSortedSet<Doc>.Empty.WithComparer(DocumentIdComparer.Instance), pipeline);
        if (answered < pipeline.Count)
        {
            // The rest of the pipeline needs the documents together; it reads the snapshot's documents, never edits them.
            var documents = results.ToList();
            foreach (var stage in pipeline.Skip(answered))
            {
                documents = Apply(stage, documents);
            }

            results = documents;
        }

        var cursor = new DocumentStreamCursor(context.Server.Cursors.NewId(), ns, results);
        return CursorReply.FirstBatchAsync(context, cursor, batchSize);
    }

    /// <summary>
    /// The stages a lazy walk of the <c>_id</c> order answers, as find does: a leading <c>$match</c> (its <c>_id</c>
    /// range narrows the walk), then a <c>$sort</c> leading with <c>_id</c> (the walk's direction), then any
    /// <c>$skip</c>/<c>$limit</c>. Returns the walk and how many stages it covers.
    /// </summary>
    private static (IEnumerable<Doc> Results, int Answered) LeadingScan(ImmutableSortedSet<Doc> snapshot, List<Doc> pipeline)
    {
        var answered = 0;
        var filter = new Doc();
        if (pipeline.Count > 0 && pipeline[0].Fields[0].Key == "$match")
        {
            filter = StageDocument("$match", pipeline[0].Fields[0].Value);
            FilterMatcher.Validate(filter);
            answered = 1;
        }

        var descending = false;
        if (answered < pipeline.Count && pipeline[answered].Fields[0] is { Key: "$sort" } sortStage
            && new SortSpecification(StageDocument("$sort", sortStage.Value)).IdDirection is { } direction)
        {
            descending = direction < 0;
            answered++;
        }

        var results = DocumentSelection.Matching(CandidateDocuments.For(snapshot, filter, descending), filter);
        while (answered < pipeline.Count && pipeline[answered].Fields[0] is { Key: "$skip" or "$limit" } page)
        {
            var count = StageCount(page.Key, page.Value);
            results = page.Key == "$skip" ? DocumentSelection.Page(results, count, 0) : Take(results, count);
            answered++;
        }

        return (results, answered);
    }

    // $limit 0 yields nothing, where Page's limit 0 means "no limit".
    private static IEnumerable<Doc> Take(IEnumerable<Doc> documents, long count) => count == 0 ? [] : DocumentSelection.Page(documents, 0, count);

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
            case "$redact":
                var redact = new RedactStage(argument);
                return [.. documents.Select(redact.Apply).OfType<Doc>()];
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
