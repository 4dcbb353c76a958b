using Cdc.Sandbox.MongoDb.ChangeStreams;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Storage;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.Tests.MongoDb;

public sealed class ChangeEventBuilderTests
{
    private static readonly byte[] Lsid = DocCodec.Write(new Doc().Add("id", DocValue.FromBinary(4, new byte[16])));

    [Fact]
    public void A_transaction_operation_carries_txnNumber_and_lsid_before_the_token_as_the_server_appends_them()
    {
        var (catalog, entries) = Write(store => catalog =>
        {
            using (catalog.ShareClusterTime())
            {
                catalog.Insert(store, new Doc().Add("_id", 7).Add("x", 1), new SessionInfo(Lsid, 3));
            }
        });
        var change = Builder(catalog).Build(entries[^1])!;
        Assert.Equal(["txnNumber", "lsid", "_id", "operationType", "clusterTime", "wallTime", "fullDocument", "ns", "documentKey"], change.Fields.Select(field => field.Key));
        Assert.Equal(3L, change["txnNumber"]!.Int64);
        Assert.Equal(entries[^1].ClusterTime, change["clusterTime"]!.Timestamp);
        Assert.Equal(entries[^1].WallTimeMilliseconds, change["wallTime"]!.DateTimeMilliseconds);
        Assert.True(ResumeToken.TryParse(change["_id"], out var token, out _));
        Assert.Equal(new ResumeToken(entries[^1].ClusterTime, entries[^1].Sequence, ResumeTokenKind.Event), token);
    }

    [Fact]
    public void A_retryable_write_outside_a_transaction_carries_no_session()
    {
        var (catalog, entries) = Write(store => catalog => catalog.Insert(store, new Doc().Add("_id", 7), new SessionInfo(Lsid, 3)));
        var change = Builder(catalog).Build(entries[^1])!;
        Assert.False(change.Contains("lsid"));
        Assert.False(change.Contains("txnNumber"));
    }

    [Fact]
    public void Create_and_modify_are_reported_only_with_expanded_events()
    {
        var (catalog, entries) = Write(store => catalog => catalog.Modify(store, new Doc(), new Doc().Add("validationLevel", "off"), SessionInfo.None));
        var create = entries.Single(entry => entry.Operation == OplogOperation.Create);
        var modify = entries.Single(entry => entry.Operation == OplogOperation.Modify);
        Assert.Null(Builder(catalog).Build(create));
        Assert.Null(Builder(catalog).Build(modify));
        var expanded = Builder(catalog, expanded: true);
        Assert.Equal("create", expanded.Build(create)!["operationType"]!.String);
        var modified = expanded.Build(modify)!;
        Assert.Equal("off", modified["operationDescription"]!.Document["validationLevel"]!.String);
        Assert.Equal(4, modified["collectionUUID"]!.Subtype);
    }

    [Fact]
    public void An_invalidate_token_sorts_after_the_event_that_caused_it_and_before_the_next()
    {
        var (_, entries) = Write(store => catalog => catalog.Drop("test", "c", SessionInfo.None));
        var drop = entries[^1];
        var eventToken = ChangeEventBuilder.TokenOf(drop).ToHex();
        var invalidate = ChangeEventBuilder.Invalidate(drop);
        var invalidateToken = invalidate["_id"]!.Document["_data"]!.String;
        var next = new ResumeToken(new BsonTimestamp(drop.ClusterTime.Seconds, drop.ClusterTime.Increment + 1), drop.Sequence + 1, ResumeTokenKind.Event).ToHex();
        Assert.True(string.CompareOrdinal(eventToken, invalidateToken) < 0);
        Assert.True(string.CompareOrdinal(invalidateToken, next) < 0);
        Assert.Equal("invalidate", invalidate["operationType"]!.String);
    }

    private static ChangeEventBuilder Builder(Catalog catalog, bool expanded = false) =>
        new(new ChangeStreamSpec(ChangeStreamScope.Collection, "test", "c", FullDocumentMode.Default, PreImageMode.Off, expanded, 0), catalog, decodeImages: false);

    private static (Catalog Catalog, List<OplogEntry> Entries) Write(Func<CollectionStore, Action<Catalog>> write)
    {
        var catalog = new Catalog(100, TimeProvider.System);
        using (catalog.EnterLock())
        {
            var store = catalog.Create("test", "c", new Doc(), SessionInfo.None);
            write(store)(catalog);
        }

        var entries = new List<OplogEntry>();
        catalog.Oplog.Read(0, entries, 100);
        return (catalog, entries);
    }
}
