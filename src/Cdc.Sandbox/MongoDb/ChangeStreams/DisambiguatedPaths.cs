using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Storage;

namespace Cdc.Sandbox.MongoDb.ChangeStreams;

/// <summary>
/// With showExpandedEvents the server spells out, segment by segment, every updated or removed path with a numeric
/// segment that names a document field rather than an array index (walking the post-image tells which it is).
/// </summary>
internal static class DisambiguatedPaths
{
    public static Doc Of(OplogEntry entry)
    {
        var result = new Doc();
        if (entry.UpdateDescription is not { } update || entry.PostImage is null)
        {
            return result;
        }

        var after = DocCodec.Read(entry.PostImage);
        var paths = new List<string>(update.UpdatedFields.Count + update.RemovedFields.Count);
        foreach (var field in update.UpdatedFields)
        {
            paths.Add(field.Key);
        }

        paths.AddRange(update.RemovedFields);
        foreach (var path in paths)
        {
            var segments = path.Split('.');
            var ambiguous = false;
            var parts = new List<DocValue>(segments.Length);
            DocValue? current = DocValue.FromDocument(after);
            foreach (var segment in segments)
            {
                var numeric = segment.Length > 0 && segment.All(char.IsAsciiDigit);
                if (current is { IsArray: true } && numeric)
                {
                    var index = int.Parse(segment, System.Globalization.CultureInfo.InvariantCulture);
                    parts.Add(DocValue.FromInt32(index));
                    current = index < current.Array.Count ? current.Array[index] : null;
                    continue;
                }

                ambiguous |= numeric;
                parts.Add(DocValue.FromString(segment));
                current = current is { IsDocument: true } && current.Document.TryGet(segment, out var child) ? child : null;
            }

            if (ambiguous)
            {
                result.Add(path, DocValue.FromArray(parts));
            }
        }

        return result;
    }
}
