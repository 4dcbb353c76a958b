namespace Cdc.Sandbox.MongoDb.ChangeStreams;

/// <summary>
/// A parsed $changeStream stage: what it watches, which images it adds, and where it starts in the oplog. Resuming from
/// a fragment's token starts at that event's entry with <see cref="ResumeFragment"/> of its
/// <see cref="ResumeFragmentCount"/> fragments already delivered.
/// </summary>
internal sealed record ChangeStreamSpec(
    ChangeStreamScope Scope,
    string Database,
    string? Collection,
    FullDocumentMode FullDocument,
    PreImageMode FullDocumentBeforeChange,
    bool ShowExpandedEvents,
    long StartSequence,
    int ResumeFragment = 0,
    int ResumeFragmentCount = 0)
{
    /// <summary>The reply's cursor.ns: the collection, or "db.$cmd.aggregate" for database and cluster streams.</summary>
    public string CursorNamespace => Collection is null ? $"{Database}.$cmd.aggregate" : $"{Database}.{Collection}";
}
