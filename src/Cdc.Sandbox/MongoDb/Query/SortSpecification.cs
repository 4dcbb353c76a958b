using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Query;

/// <summary>A sort on one or more paths, each 1 or -1; a missing field sorts as null. Sorting is stable.</summary>
internal sealed class SortSpecification
{
    private readonly List<KeyValuePair<string, int>> _keys = [];

    public SortSpecification(Doc specification)
    {
        foreach (var (path, direction) in specification.Fields)
        {
            if (!direction.IsNumber || (direction.ToDouble() != 1 && direction.ToDouble() != -1))
            {
                throw new CommandException(15975, $"$sort key ordering must be 1 (for ascending) or -1 (for descending); got {direction} for '{path}' ($meta sorts are not emulated by the cdc sandbox)");
            }

            _keys.Add(new(path, (int)direction.ToDouble()));
        }
    }

    /// <summary>
    /// 1 or -1 when the sort leads with <c>_id</c>: <c>_id</c>s are unique, so later keys never decide and the order is
    /// the <c>_id</c> index's, forwards or backwards; null otherwise.
    /// </summary>
    public int? IdDirection => _keys.Count > 0 && _keys[0].Key == "_id" ? _keys[0].Value : null;

    public List<Doc> Sort(IEnumerable<Doc> documents)
    {
        var indexed = documents.Select((document, index) => (document, index)).ToList();
        indexed.Sort((left, right) =>
        {
            foreach (var (path, direction) in _keys)
            {
                var order = DocComparer.Instance.Compare(
                    PathValues.First(left.document, path) ?? DocValue.Null,
                    PathValues.First(right.document, path) ?? DocValue.Null);
                if (order != 0)
                {
                    return order * direction;
                }
            }

            return left.index.CompareTo(right.index);
        });
        return indexed.ConvertAll(item => item.document);
    }
}
