using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Storage;

/// <summary>
/// The change an update made, as a change stream's updateDescription reports it: dotted paths set to new values,
/// paths removed, and arrays cut to a new size (each path relative to the document root).
/// </summary>
internal sealed record UpdateDescription(
    IReadOnlyList<KeyValuePair<string, DocValue>> UpdatedFields,
    IReadOnlyList<string> RemovedFields,
    IReadOnlyList<KeyValuePair<string, int>> TruncatedArrays)
{
    public bool IsEmpty => UpdatedFields.Count == 0 && RemovedFields.Count == 0 && TruncatedArrays.Count == 0;

    public Doc ToDocument()
    {
        var updated = new Doc();
        foreach (var field in UpdatedFields)
        {
            updated.Add(field.Key, field.Value);
        }

        var removed = RemovedFields.Select(DocValue.FromString).ToList();
        var truncated = TruncatedArrays
            .Select(array => DocValue.FromDocument(new Doc().Add("field", array.Key).Add("newSize", array.Value)))
            .ToList();
        return new Doc()
            .Add("updatedFields", updated)
            .Add("removedFields", DocValue.FromArray(removed))
            .Add("truncatedArrays", DocValue.FromArray(truncated));
    }
}
