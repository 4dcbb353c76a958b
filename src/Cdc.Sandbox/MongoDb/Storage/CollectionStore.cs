using System.Collections.Immutable;
using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Storage;

/// <summary>
/// One collection: its UUID, options, and documents ordered by <c>_id</c> under MongoDB's comparison order (the only
/// index the sandbox keeps). Not thread-safe by itself: the <see cref="Catalog"/> lock guards every change.
/// </summary>
/// <remarks>
/// The documents live in an immutable sorted set, so a read takes <see cref="Snapshot"/> under the lock in O(1) and
/// walks it afterwards (a cursor across getMores, a range from any <c>_id</c>) while writers go on: a write replaces
/// the set, never a set a reader holds. For the same reason a stored <see cref="Doc"/> is never edited in place —
/// updates store a new document (<c>UpdateCommand</c> clones before applying operators) — so a snapshot's documents
/// keep the state they had when it was taken. The document count and the total BSON size are kept as running values.
/// </remarks>
internal sealed class CollectionStore
{
    private ImmutableSortedSet<Doc> _documents = ImmutableSortedSet<Doc>.Empty.WithComparer(DocumentIdComparer.Instance);

    public CollectionStore(string database, string name, Guid uuid, Doc options)
    {
        Database = database;
        Name = name;
        Uuid = uuid;
        Options = options;
    }

    public string Database { get; set; }

    public string Name { get; set; }

    public string Namespace => $"{Database}.{Name}";

    public Guid Uuid { get; }

    /// <summary>Options as given to create/collMod (e.g. changeStreamPreAndPostImages: {enabled: true}).</summary>
    public Doc Options { get; set; }

    /// <summary>
    /// Secondary index specs ({v, key, name, options…}) in creation order. Metadata only: queries never use them and
    /// unique is not enforced; they exist so listIndexes and the createIndexes/dropIndexes change events are real.
    /// </summary>
    public List<Doc> Indexes { get; } = [];

    public bool PreAndPostImagesEnabled =>
        Options["changeStreamPreAndPostImages"] is { IsDocument: true } images
        && images.Document["enabled"] is { Type: Schemas.Bson.BsonType.Boolean, Boolean: true };

    public int Count => _documents.Count;

    /// <summary>The sum of the documents' BSON sizes (MongoDB's dataSize), kept current by every change.</summary>
    public long TotalBytes { get; private set; }

    /// <summary>The documents as they are now, in <c>_id</c> order; later writes do not change what it holds.</summary>
    public ImmutableSortedSet<Doc> Snapshot => _documents;

    public IEnumerable<Doc> Documents => _documents;

    public bool TryGet(DocValue id, out Doc document) => _documents.TryGetValue(Probe(id), out document!);

    public bool TryAdd(Doc document)
    {
        var added = _documents.Add(document);
        if (ReferenceEquals(added, _documents))
        {
            return false;
        }

        _documents = added;
        TotalBytes += BsonSize.Of(document);
        return true;
    }

    /// <summary>Stores <paramref name="document"/>, replacing the one with the same <c>_id</c> if there is one.</summary>
    public void Put(Doc document)
    {
        Remove(IdOf(document));
        _documents = _documents.Add(document);
        TotalBytes += BsonSize.Of(document);
    }

    public bool Remove(DocValue id)
    {
        if (!_documents.TryGetValue(Probe(id), out var existing))
        {
            return false;
        }

        _documents = _documents.Remove(existing);
        TotalBytes -= BsonSize.Of(existing);
        return true;
    }

    public static DocValue IdOf(Doc document) =>
        document["_id"] ?? throw new InvalidOperationException("A stored document always has an _id.");

    /// <summary>A stand-in with only <paramref name="id"/>, for looking a document up in the _id-ordered set.</summary>
    private static Doc Probe(DocValue id) => new Doc().Add("_id", id);
}
