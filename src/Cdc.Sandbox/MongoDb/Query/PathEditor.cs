using System.Globalization;
using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Query;

/// <summary>
/// Reads and writes one dotted path for update operators: numeric segments index arrays (writing past the end pads with
/// nulls, as the server does), missing intermediate documents are created on write, and walking into a scalar fails
/// with PathNotViable as it does on a server.
/// </summary>
internal static class PathEditor
{
    public static DocValue? Get(Doc root, string path)
    {
        var segments = path.Split('.');
        var container = Parent(root, segments, create: false, path);
        return container is null ? null : GetChild(container, segments[^1]);
    }

    public static void Set(Doc root, string path, DocValue value)
    {
        var segments = path.Split('.');
        var container = Parent(root, segments, create: true, path)!;
        SetChild(container, segments[^1], value, path);
    }

    /// <summary>Removes a field; an array element is set to null instead (arrays keep their length under $unset).</summary>
    public static bool Remove(Doc root, string path)
    {
        var segments = path.Split('.');
        var container = Parent(root, segments, create: false, path);
        if (container is null)
        {
            return false;
        }

        if (container.IsDocument)
        {
            return container.Document.Remove(segments[^1]);
        }

        if (container.IsArray && TryIndex(segments[^1], out var index) && index < container.Array.Count)
        {
            container.Array[index] = DocValue.Null;
            return true;
        }

        return false;
    }

    private static DocValue? Parent(Doc root, string[] segments, bool create, string path)
    {
        var current = DocValue.FromDocument(root);
        for (var i = 0; i < segments.Length - 1; i++)
        {
            var child = GetChild(current, segments[i]);
            if (child is null)
            {
                if (!create)
                {
                    return null;
                }

                child = DocValue.FromDocument(new Doc());
                SetChild(current, segments[i], child, path);
            }
            else if (!child.IsDocument && !child.IsArray)
            {
                if (!create)
                {
                    return null;
                }

                throw new CommandException(
                    ErrorCodes.PathNotViable,
                    $"Cannot create field '{segments[i + 1]}' in element {{{segments[i]}: {child}}} (path '{path}')");
            }

            current = child;
        }

        return current;
    }

    private static DocValue? GetChild(DocValue container, string segment)
    {
        if (container.IsDocument)
        {
            return container.Document[segment];
        }

        return TryIndex(segment, out var index) && index < container.Array.Count ? container.Array[index] : null;
    }

    private static void SetChild(DocValue container, string segment, DocValue value, string path)
    {
        if (container.IsDocument)
        {
            container.Document.Set(segment, value);
            return;
        }

        if (!TryIndex(segment, out var index))
        {
            throw new CommandException(ErrorCodes.PathNotViable, $"Cannot create field '{segment}' in an array (path '{path}'); only numeric indexes address array elements");
        }

        var items = container.Array;
        while (items.Count <= index)
        {
            items.Add(DocValue.Null);
        }

        items[index] = value;
    }

    private static bool TryIndex(string segment, out int index) =>
        int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out index);
}
