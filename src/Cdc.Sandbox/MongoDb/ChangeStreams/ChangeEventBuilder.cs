using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Storage;

namespace Cdc.Sandbox.MongoDb.ChangeStreams;

/// <summary>
/// Turns oplog entries into change events shaped as the MongoDB manual's "Change Events" pages show them (field
/// order included). Images are embedded as raw BSON unless a later pipeline stage needs to look inside them.
/// </summary>
internal sealed class ChangeEventBuilder
{
    private readonly ChangeStreamSpec _spec;
    private readonly Catalog _catalog;
    private readonly bool _decodeImages;

    public ChangeEventBuilder(ChangeStreamSpec spec, Catalog catalog, bool decodeImages)
    {
        _spec = spec;
        _catalog = catalog;
        _decodeImages = decodeImages;
    }

    public static ResumeToken TokenOf(OplogEntry entry) => new(entry.ClusterTime, entry.Sequence, ResumeTokenKind.Event);

    public static ResumeToken InvalidateTokenOf(OplogEntry entry) => new(entry.ClusterTime, entry.Sequence, ResumeTokenKind.Invalidate);

    /// <summary>The event for <paramref name="entry"/>, or null when this stream does not report that kind of entry.</summary>
    public Doc? Build(OplogEntry entry)
    {
        var type = OperationType(entry.Operation);
        if (type is null)
        {
            return null;
        }

        var expanded = _spec.ShowExpandedEvents;

        // The server's transform appends fields in this order: transaction ids and rename's "to" come before _id.
        var change = new Doc();
        if (entry.InTransaction && entry.Lsid is not null && entry.TxnNumber is { } txnNumber)
        {
            change.Add("txnNumber", txnNumber);
            change.Add("lsid", Image(entry.Lsid));
        }

        DocValue? to = null;
        if (entry.Operation == OplogOperation.Rename)
        {
            to = Namespace(entry.TargetDatabase!, entry.TargetCollection);
            change.Add("to", to);
        }

        change.Add("_id", TokenOf(entry).ToDocument())
            .Add("operationType", type)
            .Add("clusterTime", DocValue.FromTimestamp(entry.ClusterTime));
        if (expanded && entry.CollectionUuid is { } uuid && entry.Operation != OplogOperation.DropDatabase)
        {
            change.Add("collectionUUID", DocValue.FromBinary(4, UuidBytes(uuid)));
        }

        change.Add("wallTime", DocValue.FromDateTime(entry.WallTimeMilliseconds));

        switch (entry.Operation)
        {
            case OplogOperation.Insert:
                change.Add("fullDocument", Image(entry.PostImage!));
                AddNamespaceAndKey(change, entry);
                break;
            case OplogOperation.Replace:
                // A replacement's fullDocument is the new document from the oplog entry, whatever the mode.
                change.Add("fullDocument", Image(entry.PostImage!));
                AddNamespaceAndKey(change, entry);
                AddPreImage(change, entry);
                break;
            case OplogOperation.Update:
                AddNamespaceAndKey(change, entry);
                change.Add("updateDescription", UpdateDescriptionOf(entry, expanded));

                // The server's pre-image stage runs before its post-image stage; each appends its field.
                AddPreImage(change, entry);
                if (_spec.FullDocument != FullDocumentMode.Default)
                {
                    change.Add("fullDocument", PostImage(entry));
                }

                break;
            case OplogOperation.Delete:
                AddNamespaceAndKey(change, entry);
                AddPreImage(change, entry);
                break;
            case OplogOperation.Rename:
                change.Add("ns", Namespace(entry.Database, entry.Collection));
                if (expanded)
                {
                    change.Add("operationDescription", new Doc().Add("to", to!.Clone()));
                }

                break;
            case OplogOperation.DropDatabase:
                change.Add("ns", Namespace(entry.Database, null));
                break;
            case OplogOperation.Create:
                change.Add("ns", Namespace(entry.Database, entry.Collection));

                // The create oplog entry's options plus the _id index it builds, as a server reports them.
                var created = entry.OperationDescription?.Clone() ?? new Doc();
                created.Add("idIndex", new Doc().Add("v", 2).Add("key", new Doc().Add("_id", 1)).Add("name", "_id_"));
                change.Add("operationDescription", created);
                change.Add("nsType", "collection");
                break;
            case OplogOperation.CreateIndexes or OplogOperation.DropIndexes or OplogOperation.Modify:
                change.Add("ns", Namespace(entry.Database, entry.Collection));
                change.Add("operationDescription", entry.OperationDescription?.Clone() ?? new Doc());
                break;
            default:
                change.Add("ns", Namespace(entry.Database, entry.Collection));
                break;
        }

        return change;
    }

    /// <summary>The invalidate that closes a collection stream after drop/rename, or a database stream after dropDatabase.</summary>
    public static Doc Invalidate(OplogEntry cause) => new Doc()
        .Add("_id", InvalidateTokenOf(cause).ToDocument())
        .Add("operationType", "invalidate")
        .Add("clusterTime", DocValue.FromTimestamp(cause.ClusterTime))
        .Add("wallTime", DocValue.FromDateTime(cause.WallTimeMilliseconds));

    private string? OperationType(OplogOperation operation) => operation switch
    {
        OplogOperation.Insert => "insert",
        OplogOperation.Update => "update",
        OplogOperation.Replace => "replace",
        OplogOperation.Delete => "delete",
        OplogOperation.Drop => "drop",
        OplogOperation.Rename => "rename",
        OplogOperation.DropDatabase => "dropDatabase",
        OplogOperation.Create when _spec.ShowExpandedEvents => "create",
        OplogOperation.CreateIndexes when _spec.ShowExpandedEvents => "createIndexes",
        OplogOperation.DropIndexes when _spec.ShowExpandedEvents => "dropIndexes",
        OplogOperation.Modify when _spec.ShowExpandedEvents => "modify",
        _ => null,
    };

    private void AddNamespaceAndKey(Doc change, OplogEntry entry)
    {
        change.Add("ns", Namespace(entry.Database, entry.Collection));
        change.Add("documentKey", Image(entry.DocumentKey!));
    }

    private static DocValue Namespace(string database, string? collection)
    {
        var ns = new Doc().Add("db", database);
        if (collection is not null)
        {
            ns.Add("coll", collection);
        }

        return DocValue.FromDocument(ns);
    }

    private DocValue Image(byte[] bson) => _decodeImages ? DocValue.FromDocument(DocCodec.Read(bson)) : DocValue.FromRawDocument(bson);

    /// <summary>fullDocument of an update under the stream's fullDocument mode.</summary>
    private DocValue PostImage(OplogEntry entry)
    {
        switch (_spec.FullDocument)
        {
            case FullDocumentMode.UpdateLookup:
                return LookUpCurrent(entry);
            case FullDocumentMode.WhenAvailable or FullDocumentMode.Required when entry.PreAndPostImagesEnabled && entry.PostImage is not null:
                return Image(entry.PostImage);
            case FullDocumentMode.Required:
                throw new CommandException(
                    ErrorCodes.NoMatchingDocument,
                    $"Change stream was configured to require a post-image for all update events, but the post-image was not found for event: {EventDescription(entry)}");
            default:
                return DocValue.Null;
        }
    }

    private void AddPreImage(Doc change, OplogEntry entry)
    {
        switch (_spec.FullDocumentBeforeChange)
        {
            case PreImageMode.Off:
                return;
            case PreImageMode.WhenAvailable:
                change.Add("fullDocumentBeforeChange", entry.PreImage is null ? DocValue.Null : Image(entry.PreImage));
                return;
            default:
                change.Add("fullDocumentBeforeChange", entry.PreImage is null
                    ? throw new CommandException(
                        ErrorCodes.NoMatchingDocument,
                        $"Change stream was configured to require a pre-image for all update, delete and replace events, but the pre-image was not found for event: {EventDescription(entry)}")
                    : Image(entry.PreImage));
                return;
        }
    }

    /// <summary>updateLookup: the document as it is now (a majority read on a server), or null when it is gone.</summary>
    private DocValue LookUpCurrent(OplogEntry entry)
    {
        var id = DocCodec.Read(entry.DocumentKey!)["_id"]!;
        using (_catalog.EnterLock())
        {
            var store = _catalog.Find(entry.Database, entry.Collection!);
            if (store is not null && store.Uuid == entry.CollectionUuid && store.TryGet(id, out var current))
            {
                return _decodeImages ? DocValue.FromDocument(current.Clone()) : DocValue.FromRawDocument(DocCodec.Write(current));
            }
        }

        return DocValue.Null;
    }

    private static Doc UpdateDescriptionOf(OplogEntry entry, bool expanded)
    {
        var description = entry.UpdateDescription?.ToDocument()
            ?? new Doc().Add("updatedFields", new Doc()).Add("removedFields", DocValue.FromArray([])).Add("truncatedArrays", DocValue.FromArray([]));
        if (expanded)
        {
            description.Add("disambiguatedPaths", DisambiguatedPaths.Of(entry));
        }

        return description;
    }

    /// <summary>The server's messages (which clients match on) start the same; what follows names the event.</summary>
    private static string EventDescription(OplogEntry entry) =>
        $"{{operationType: {entry.Operation.ToString().ToLowerInvariant()}, ns: {entry.Database}.{entry.Collection}, documentKey: {DocCodec.Read(entry.DocumentKey!)}}} (the collection did not have changeStreamPreAndPostImages enabled at that write)";

    private static byte[] UuidBytes(Guid uuid)
    {
        var bytes = new byte[16];
        uuid.TryWriteBytes(bytes, bigEndian: true, out _);
        return bytes;
    }
}
