using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Storage;

namespace Cdc.Sandbox.MongoDb.Query;

/// <summary>
/// The documents a filter can match, in _id order: a point lookup when the filter pins _id to one scalar value (the
/// one index the sandbox has, and what updateLookup-style reads use), otherwise a scan. Callers still apply the filter.
/// </summary>
internal static class CandidateDocuments
{
    public static IEnumerable<Doc> For(CollectionStore store, Doc filter)
    {
        if (filter["_id"] is { } id && !id.IsDocument && !id.IsArray && id.Type != Schemas.Bson.BsonType.RegularExpression)
        {
            return store.TryGet(id, out var document) ? [document] : [];
        }

        return store.Documents;
    }
}
