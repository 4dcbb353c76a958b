using System.Collections.Immutable;
using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Query;

/// <summary>
/// What find and count select from a collection snapshot: the filter's matches in sort order, after skip, at most
/// limit. With no sort or a sort leading with <c>_id</c> it walks the <c>_id</c> order from the filter's
/// <see cref="IdRange"/> lazily, so a chunked range read (<c>{_id: {$gt: last}}</c>, sort <c>{_id: 1}</c>, limit n)
/// touches about n documents; any other sort collects the matches (references, not copies) and sorts them.
/// </summary>
internal static class DocumentSelection
{
    public static IEnumerable<Doc> Select(ImmutableSortedSet<Doc> documents, Doc filter, SortSpecification? sort, long skip, long limit)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var direction = sort is null ? 1 : sort.IdDirection;
        var ordered = direction is { } idDirection
            ? Matching(CandidateDocuments.For(documents, filter, descending: idDirection < 0), filter)
            : sort!.Sort(Matching(CandidateDocuments.For(documents, filter, descending: false), filter));
        return Page(ordered, skip, limit);
    }

    public static IEnumerable<Doc> Matching(IEnumerable<Doc> candidates, Doc filter) =>
        filter.Count == 0 ? candidates : candidates.Where(document => FilterMatcher.Matches(document, filter));

    /// <summary>Skips <paramref name="skip"/> documents, then yields at most <paramref name="limit"/> (0: no limit).</summary>
    public static IEnumerable<Doc> Page(IEnumerable<Doc> documents, long skip, long limit)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return skip == 0 && limit == 0 ? documents : Paged(documents, skip, limit);
    }

    private static IEnumerable<Doc> Paged(IEnumerable<Doc> documents, long skip, long limit)
    {
        long seen = 0, taken = 0;
        foreach (var document in documents)
        {
            if (seen++ < skip)
            {
                continue;
            }

            yield return document;

            // Stop at the limit without pulling (and filtering) one document more.
            if (limit > 0 && ++taken >= limit)
            {
                yield break;
            }
        }
    }
}
