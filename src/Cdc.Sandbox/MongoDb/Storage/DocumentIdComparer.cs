using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Storage;

/// <summary>Orders stored documents by their <c>_id</c> under MongoDB's comparison order (the <c>_id</c> index's order).</summary>
internal sealed class DocumentIdComparer : IComparer<Doc>
{
    public static DocumentIdComparer Instance { get; } = new();

    public int Compare(Doc? x, Doc? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return DocComparer.Instance.Compare(CollectionStore.IdOf(x), CollectionStore.IdOf(y));
    }
}
