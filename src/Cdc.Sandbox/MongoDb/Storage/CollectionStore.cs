using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Storage;

/// <summary>
/// One collection: its UUID, options, and documents ordered by <c>_id</c> under MongoDB's comparison order (the only
/// index the sandbox keeps). Not thread-safe by itself: the <see cref="Catalog"/> lock guards every access.
/// </summary>
internal sealed class CollectionStore
{
    private readonly SortedDictionary<DocValue, Doc> _documents = new(DocComparer.Instance);

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

    public IEnumerable<Doc> Documents => _documents.Values;

    public bool TryGet(DocValue id, out Doc document) => _documents.TryGetValue(id, out document!);

    public bool TryAdd(Doc document) => _documents.TryAdd(IdOf(document), document);

    public void Put(Doc document) => _documents[IdOf(document)] = document;

    public bool Remove(DocValue id) => _documents.Remove(id);

    public static DocValue IdOf(Doc document) =>
        document["_id"] ?? throw new InvalidOperationException("A stored document always has an _id.");
}
