using Cdc.Connector.Source;
using Cdc.Schemas.Bson;

namespace Cdc.Connector.Checkpoint;

/// <summary>
/// What both checkpoint forms (<see cref="SnapshotProgressJson"/>, <see cref="SnapshotProgressBson"/>) require of the
/// snapshot progress beyond its shape: each <c>lastId</c> is the document <c>{_id: value}</c>, and each collection is
/// listed once. A save is checked too, so the connector never writes a checkpoint its next start would refuse.
/// </summary>
internal static class SnapshotCheckpointRules
{
    /// <summary>True when <paramref name="document"/> (valid BSON) has exactly one field, named <c>_id</c>.</summary>
    public static bool IsIdOnly(ReadOnlySpan<byte> document)
    {
        var reader = new BsonReader(document);
        return reader.MoveNext() && reader.Current.NameEquals("_id"u8) && !reader.MoveNext();
    }

    /// <summary>The index of the entry before <paramref name="count"/> in <paramref name="read"/> with the namespace of <paramref name="entry"/>, or -1.</summary>
    public static int EarlierIndexOf(IReadOnlyList<CollectionSnapshotProgress> read, int count, CollectionSnapshotProgress entry)
    {
        for (var i = 0; i < count; i++)
        {
            if (read[i].Database == entry.Database && read[i].Collection == entry.Collection)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Refuses to save progress a load would refuse: a <c>lastId</c> that is not <c>{_id: value}</c>, a collection listed twice.</summary>
    public static void CheckWritable(SnapshotProgress snapshot)
    {
        var collections = snapshot.Collections;
        for (var i = 0; i < collections.Count; i++)
        {
            var entry = collections[i];
            if (entry.LastId is { } lastId && !IsIdOnlyDocument(lastId))
            {
                throw new CheckpointStoreException($"The last snapshotted _id of {entry.Namespace} to save is not the BSON document {{_id: <value>}}, so the checkpoint would not load again.");
            }

            if (EarlierIndexOf(collections, i, entry) >= 0)
            {
                throw new CheckpointStoreException($"The snapshot progress to save lists {entry.Namespace} twice, so the checkpoint would not load again.");
            }
        }
    }

    private static bool IsIdOnlyDocument(byte[] lastId)
    {
        try
        {
            BsonValidator.Validate(lastId);
        }
        catch (BsonFormatException)
        {
            return false;
        }

        return IsIdOnly(lastId);
    }
}
