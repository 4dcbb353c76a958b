using System.Collections.Immutable;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Storage;

namespace Cdc.Sandbox.MongoDb.Query;

/// <summary>
/// The documents a filter can match, in <c>_id</c> order (or its reverse): only those inside the filter's
/// <see cref="IdRange"/> (a point for <c>{_id: v}</c>, a stretch for <c>$gt</c>/<c>$lt</c> bounds — the one index the
/// sandbox has), otherwise all. Lazy: a caller that stops early (a limit, a cursor batch) reads no further. Callers
/// still apply the filter to every candidate.
/// </summary>
internal static class CandidateDocuments
{
    public static IEnumerable<Doc> For(CollectionStore store, Doc filter) => For(store.Snapshot, filter, descending: false);

    public static IEnumerable<Doc> For(ImmutableSortedSet<Doc> documents, Doc filter, bool descending)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (IdRange.From(filter) is not { } range)
        {
            return descending ? documents.Reverse() : documents;
        }

        var (start, end) = range.Locate(documents);
        return Walk(documents, start, end, descending);
    }

    private static IEnumerable<Doc> Walk(ImmutableSortedSet<Doc> documents, int start, int end, bool descending)
    {
        if (descending)
        {
            for (var i = end - 1; i >= start; i--)
            {
                yield return documents[i];
            }
        }
        else
        {
            for (var i = start; i < end; i++)
            {
                yield return documents[i];
            }
        }
    }
}
