using System.Globalization;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Storage;

namespace Cdc.Sandbox.MongoDb.Query;

/// <summary>
/// Computes a change stream updateDescription by diffing the document before and after an update, as the server's
/// $v:2 oplog diff does: changed or added fields are updatedFields (descending into sub-documents and into arrays by
/// index), removed fields are removedFields, and arrays that got shorter are truncatedArrays with their new size.
/// </summary>
internal static class UpdateDiff
{
    public static UpdateDescription Compute(Doc before, Doc after)
    {
        var updated = new List<KeyValuePair<string, DocValue>>();
        var removed = new List<string>();
        var truncated = new List<KeyValuePair<string, int>>();
        DiffDocuments(before, after, string.Empty, updated, removed, truncated);
        return new UpdateDescription(updated, removed, truncated);
    }

    private static void DiffDocuments(Doc before, Doc after, string prefix, List<KeyValuePair<string, DocValue>> updated, List<string> removed, List<KeyValuePair<string, int>> truncated)
    {
        foreach (var field in before.Fields)
        {
            if (!after.Contains(field.Key))
            {
                removed.Add(prefix + field.Key);
            }
        }

        foreach (var (name, newValue) in after.Fields)
        {
            var path = prefix + name;
            if (!before.TryGet(name, out var oldValue))
            {
                updated.Add(new(path, newValue.Clone()));
            }
            else
            {
                DiffValues(oldValue, newValue, path, updated, removed, truncated);
            }
        }
    }

    private static void DiffValues(DocValue oldValue, DocValue newValue, string path, List<KeyValuePair<string, DocValue>> updated, List<string> removed, List<KeyValuePair<string, int>> truncated)
    {
        if (oldValue.IsDocument && newValue.IsDocument)
        {
            DiffDocuments(oldValue.Document, newValue.Document, path + ".", updated, removed, truncated);
        }
        else if (oldValue.IsArray && newValue.IsArray)
        {
            var oldItems = oldValue.Array;
            var newItems = newValue.Array;
            if (newItems.Count < oldItems.Count)
            {
                truncated.Add(new(path, newItems.Count));
            }

            for (var i = 0; i < newItems.Count; i++)
            {
                var itemPath = path + "." + i.ToString(CultureInfo.InvariantCulture);
                if (i >= oldItems.Count)
                {
                    updated.Add(new(itemPath, newItems[i].Clone()));
                }
                else
                {
                    DiffValues(oldItems[i], newItems[i], itemPath, updated, removed, truncated);
                }
            }
        }
        else if (oldValue.Type != newValue.Type || DocComparer.Instance.Compare(oldValue, newValue) != 0)
        {
            updated.Add(new(path, newValue.Clone()));
        }
    }
}
