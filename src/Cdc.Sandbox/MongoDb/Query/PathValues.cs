using System.Globalization;
using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Query;

/// <summary>
/// Resolves a dotted path the way the query language does: through sub-documents, through array indexes named by a
/// numeric segment, and across every element of an array met on the way (so "a.b" reaches a[i].b).
/// </summary>
internal static class PathValues
{
    public static void Collect(Doc document, string path, List<DocValue> into) => Collect(document, path.Split('.'), 0, into);

    /// <summary>The first value at the path without array expansion, for sort keys and projections.</summary>
    public static DocValue? First(Doc document, string path)
    {
        var values = new List<DocValue>();
        Collect(document, path, values);
        return values.Count > 0 ? values[0] : null;
    }

    private static void Collect(Doc document, string[] segments, int index, List<DocValue> into)
    {
        if (!document.TryGet(segments[index], out var value))
        {
            return;
        }

        Descend(value, segments, index + 1, into);
    }

    private static void Descend(DocValue value, string[] segments, int next, List<DocValue> into)
    {
        if (next == segments.Length)
        {
            into.Add(value);
            return;
        }

        if (value.IsDocument)
        {
            Collect(value.Document, segments, next, into);
        }
        else if (value.IsArray)
        {
            if (int.TryParse(segments[next], NumberStyles.None, CultureInfo.InvariantCulture, out var position) && position < value.Array.Count)
            {
                Descend(value.Array[position], segments, next + 1, into);
            }

            foreach (var item in value.Array)
            {
                if (item.IsDocument)
                {
                    Collect(item.Document, segments, next, into);
                }
            }
        }
    }
}
