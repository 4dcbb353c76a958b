using System.Collections.Immutable;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Storage;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Query;

/// <summary>
/// The stretch of the <c>_id</c> order outside which a filter's top-level <c>_id</c> conditions cannot match:
/// equality, <c>$eq</c>, <c>$gt</c>, <c>$gte</c>, <c>$lt</c>, <c>$lte</c>, alone or combined. A range comparison
/// only matches values of its operand's type bracket (<c>{_id: {$gt: 5}}</c> never matches a string), and brackets are
/// contiguous in the comparison order, so every such condition is one interval of the <c>_id</c> index: from the
/// bound to the end of the operand's bracket. The range is a superset of the matches — callers still apply the whole
/// filter to each document — so a condition it cannot narrow by (other operators, <c>$gt: MinKey</c> and
/// <c>$lt: MaxKey</c>, which match every type) is simply left out, and a numeric range keeps NaN (which sorts first
/// among numbers but compares to nothing but NaN) inside for the filter to judge.
/// </summary>
internal sealed class IdRange
{
    private IdRange(int rank)
    {
        Rank = rank;
    }

    /// <summary>The type rank (<see cref="DocComparer.TypeRank"/>) every <c>_id</c> in the range has.</summary>
    public int Rank { get; }

    public DocValue? Lower { get; private set; }

    public bool LowerInclusive { get; private set; }

    public DocValue? Upper { get; private set; }

    public bool UpperInclusive { get; private set; }

    /// <summary>True when the conditions contradict each other (different brackets, crossing bounds): nothing matches.</summary>
    public bool IsEmpty { get; private set; }

    /// <summary>The range the filter's top-level <c>_id</c> conditions allow, or null when they do not narrow the scan.</summary>
    public static IdRange? From(Doc filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        IdRange? range = null;
        foreach (var (key, condition) in filter.Fields)
        {
            if (key != "_id")
            {
                continue;
            }

            if (condition.IsDocument && condition.Document.Count > 0 && condition.Document.Fields[0].Key.StartsWith('$'))
            {
                foreach (var (operatorName, operand) in condition.Document.Fields)
                {
                    range = Narrow(range, operatorName, operand);
                }
            }
            else
            {
                // Plain equality: _id is never an array, so {_id: v} matches exactly the _ids equal to v.
                range = Narrow(range, "$eq", condition);
            }
        }

        return range;
    }

    /// <summary>[start, end) of the documents inside the range, found by binary search over the _id order.</summary>
    public (int Start, int End) Locate(ImmutableSortedSet<Doc> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (IsEmpty)
        {
            return (0, 0);
        }

        var start = FirstIndex(documents, IsAtOrAfterStart);
        var end = FirstIndex(documents, IsPastEnd);
        return (start, Math.Max(start, end));
    }

    private static IdRange? Narrow(IdRange? range, string operatorName, DocValue operand)
    {
        var lower = operatorName is "$gt" or "$gte" or "$eq";
        var upper = operatorName is "$lt" or "$lte" or "$eq";
        if (!lower && !upper)
        {
            return range;
        }

        // MinKey and MaxKey operands compare across every type (the server's special case), so they bound nothing.
        if ((operand.Type == BsonType.MinKey && operatorName is "$gt" or "$gte")
            || (operand.Type == BsonType.MaxKey && operatorName is "$lt" or "$lte"))
        {
            return range;
        }

        var rank = DocComparer.TypeRank(operand.Type);
        range ??= new IdRange(rank);
        if (range.Rank != rank)
        {
            range.IsEmpty = true;
            return range;
        }

        // NaN is only $gte/$lte/$eq NaN: a point (NaN sorts first among numbers); $gt/$lt NaN match nothing.
        if (operand.IsNumber && double.IsNaN(operand.ToDouble()))
        {
            range.IsEmpty |= operatorName is "$gt" or "$lt";
            (lower, upper) = (true, true);
            operatorName = "$eq";
        }

        if (lower)
        {
            range.RaiseLower(operand, inclusive: operatorName != "$gt");
        }

        if (upper)
        {
            range.LowerUpper(operand, inclusive: operatorName != "$lt");
        }

        return range;
    }

    private static int FirstIndex(ImmutableSortedSet<Doc> documents, Func<DocValue, bool> predicate)
    {
        // The predicate is monotone along the _id order: false for a prefix, then true.
        int low = 0, high = documents.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (predicate(CollectionStore.IdOf(documents[middle])))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    private void RaiseLower(DocValue value, bool inclusive)
    {
        var order = Lower is null ? 1 : DocComparer.Instance.Compare(value, Lower);
        if (order > 0 || (order == 0 && !inclusive))
        {
            Lower = value;
            LowerInclusive = inclusive;
        }
    }

    private void LowerUpper(DocValue value, bool inclusive)
    {
        var order = Upper is null ? -1 : DocComparer.Instance.Compare(value, Upper);
        if (order < 0 || (order == 0 && !inclusive))
        {
            Upper = value;
            UpperInclusive = inclusive;
        }
    }

    private bool IsAtOrAfterStart(DocValue id)
    {
        if (Lower is null)
        {
            return DocComparer.TypeRank(id.Type) >= Rank;
        }

        var order = DocComparer.Instance.Compare(id, Lower);
        return LowerInclusive ? order >= 0 : order > 0;
    }

    private bool IsPastEnd(DocValue id)
    {
        if (Upper is null)
        {
            return DocComparer.TypeRank(id.Type) > Rank;
        }

        var order = DocComparer.Instance.Compare(id, Upper);
        return UpperInclusive ? order > 0 : order >= 0;
    }
}
