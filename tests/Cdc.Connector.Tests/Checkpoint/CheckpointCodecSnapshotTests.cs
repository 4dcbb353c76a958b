using System.Text;
using Cdc.Connector.Checkpoint;
using Cdc.Connector.Source;

namespace Cdc.Connector.Tests.Checkpoint;

/// <summary>The JSON checkpoint's version 2 part: the snapshot progress, and version 1 checkpoints that have none.</summary>
public sealed class CheckpointCodecSnapshotTests
{
    private const string Fix = ". To go on, delete the file.";
    private const string Prefix = "The checkpoint in file /state/orders.json is not usable: ";
    private const string Entry = """{"db":"shop","coll":"orders","trigger":"initial","lastId":null,"done":false,"rows":1}""";
    private static readonly CheckpointLocation Location = new("file /state/orders.json", "delete the file");

    [Fact]
    public void Snapshot_progress_is_written_with_each_last_id_as_canonical_extended_json()
    {
        var checkpoint = Checkpoints.WithToken("orders", "8265A1") with
        {
            Snapshot = new SnapshotProgress(
            [
                new("shop", "orders", SnapshotTriggers.Initial, Checkpoints.LastId(w => w.WriteObjectId("_id", [0x65, 0xA1, 0xB2, 0xC3, 1, 2, 3, 4, 5, 6, 7, 8])), false, 12000),
                new("shop", "customers", SnapshotTriggers.HistoryLost, null, true, 0),
            ]),
        };

        var json = Encoding.UTF8.GetString(CheckpointCodec.Encode(checkpoint));

        Assert.Equal(
            """{"version":2,"pipeline":"orders","resumeToken":{"_data":"8265A1"},"startAfter":false,"operationTime":null,"committedAt":"2026-11-21T23:42:16.1230000Z","snapshot":"""
            + """{"collections":[{"db":"shop","coll":"orders","trigger":"initial","lastId":{"_id":{"$oid":"65a1b2c30102030405060708"}},"done":false,"rows":12000},"""
            + """{"db":"shop","coll":"customers","trigger":"historyLost","lastId":null,"done":true,"rows":0}]}}""",
            json);
    }

    [Fact]
    public void Snapshot_progress_with_ids_of_many_bson_types_round_trips_byte_for_byte()
    {
        var checkpoint = Checkpoints.WithSnapshot("orders");

        var decoded = CheckpointCodec.Decode(CheckpointCodec.Encode(checkpoint), "orders", Location);

        Assert.Equal(checkpoint, decoded);
        Assert.Equal(checkpoint.Snapshot!.Collections.Select(c => c.LastId), decoded.Snapshot!.Collections.Select(c => c.LastId));
    }

    [Fact]
    public void Snapshot_progress_with_no_collections_round_trips_and_differs_from_none()
    {
        var checkpoint = Checkpoints.WithTime("orders", 5, 6) with { Snapshot = new SnapshotProgress([]) };

        var decoded = CheckpointCodec.Decode(CheckpointCodec.Encode(checkpoint), "orders", Location);

        Assert.NotNull(decoded.Snapshot);
        Assert.Empty(decoded.Snapshot.Collections);
        Assert.Equal(checkpoint, decoded);
    }

    [Theory]
    [InlineData(
        """{"version":1,"pipeline":"orders","resumeToken":{"_data":"8265A1B2C3"},"startAfter":true,"operationTime":null,"committedAt":"2026-11-21T23:42:16.1230000Z"}""",
        true)]
    [InlineData(
        """{"version":1,"pipeline":"orders","resumeToken":null,"startAfter":false,"operationTime":{"t":1700000000,"i":4},"committedAt":"2026-11-21T23:42:16.1230000Z"}""",
        false)]
    public void A_version_1_checkpoint_loads_with_no_snapshot_progress(string writtenByTheReleaseBefore, bool hasToken)
    {
        var decoded = CheckpointCodec.Decode(Encoding.UTF8.GetBytes(writtenByTheReleaseBefore), "orders", Location);

        Assert.Null(decoded.Snapshot);
        Assert.Equal(hasToken ? Checkpoints.WithToken("orders", "8265A1B2C3", isInvalidate: true) : Checkpoints.WithTime("orders", 1_700_000_000, 4), decoded);
    }

    [Fact]
    public void A_trigger_this_release_does_not_know_loads_as_written()
    {
        var decoded = CheckpointCodec.Decode(Encoding.UTF8.GetBytes(V2("""{"collections":[{"db":"shop","coll":"orders","trigger":"fromTheFuture","lastId":{"_id":"k"},"done":false,"rows":0}]}""")), "orders", Location);

        Assert.Equal("fromTheFuture", Assert.Single(decoded.Snapshot!.Collections).Trigger);
    }

    [Theory]
    [InlineData("[]", "'snapshot' must be null or an object {\"collections\": [...]}; got array")]
    [InlineData("true", "'snapshot' must be null or an object {\"collections\": [...]}; got boolean")]
    [InlineData("{}", "'snapshot' has no 'collections'")]
    [InlineData("""{"collections":[],"next":1}""", "'snapshot' has an unexpected property 'next'")]
    [InlineData("""{"collections":{}}""", "'snapshot.collections' must be an array; got object")]
    [InlineData("""{"collections":null}""", "'snapshot.collections' must be an array; got null")]
    [InlineData("""{"collections":[7]}""", "'snapshot.collections[0]' must be an object; got number")]
    [InlineData("""{"collections":[{"db":"shop","coll":"orders","trigger":"initial","lastId":null,"done":false}]}""", "'snapshot.collections[0]' has no 'rows'")]
    [InlineData("""{"collections":[{"coll":"orders","trigger":"initial","lastId":null,"done":false,"rows":1}]}""", "'snapshot.collections[0]' has no 'db'")]
    [InlineData("""{"collections":[{"db":"shop","coll":"orders","trigger":"initial","done":false,"rows":1}]}""", "'snapshot.collections[0]' has no 'lastId'")]
    [InlineData("""{"collections":[{"db":"shop","coll":"orders","trigger":"initial","lastId":null,"done":false,"rows":1,"size":9}]}""", "'snapshot.collections[0]' has an unexpected property 'size'")]
    [InlineData("""{"collections":[{"db":"shop","coll":"orders","trigger":"initial","lastId":null,"done":false,"rows":1,"rows":2}]}""", "'snapshot.collections[0]' has 'rows' twice")]
    [InlineData("""{"collections":[{"db":"","coll":"orders","trigger":"initial","lastId":null,"done":false,"rows":1}]}""", "'snapshot.collections[0].db' must be a non-empty string; got \"\"")]
    [InlineData("""{"collections":[{"db":"shop","coll":5,"trigger":"initial","lastId":null,"done":false,"rows":1}]}""", "'snapshot.collections[0].coll' must be a non-empty string; got 5")]
    [InlineData("""{"collections":[{"db":"shop","coll":"orders","trigger":null,"lastId":null,"done":false,"rows":1}]}""", "'snapshot.collections[0].trigger' must be a non-empty string; got null")]
    [InlineData("""{"collections":[{"db":"shop","coll":"orders","trigger":"initial","lastId":null,"done":"no","rows":1}]}""", "'snapshot.collections[0].done' must be true or false; got string")]
    [InlineData("""{"collections":[{"db":"shop","coll":"orders","trigger":"initial","lastId":null,"done":false,"rows":-1}]}""", "'snapshot.collections[0].rows' must be a whole number of 0 or more; got -1")]
    [InlineData("""{"collections":[{"db":"shop","coll":"orders","trigger":"initial","lastId":null,"done":false,"rows":1.5}]}""", "'snapshot.collections[0].rows' must be a whole number of 0 or more; got 1.5")]
    [InlineData("""{"collections":[{"db":"shop","coll":"orders","trigger":"initial","lastId":null,"done":false,"rows":"3"}]}""", "'snapshot.collections[0].rows' must be a whole number of 0 or more; got \"3\"")]
    [InlineData("""{"collections":[{"db":"shop","coll":"orders","trigger":"initial","lastId":null,"done":false,"rows":9223372036854775808}]}""", "'snapshot.collections[0].rows' must be a whole number of 0 or more; got 9223372036854775808")]
    [InlineData("""{"collections":[{"db":"shop","coll":"orders","trigger":"initial","lastId":"65a1b2c3","done":false,"rows":1}]}""", "'snapshot.collections[0].lastId' must be an Extended JSON object {\"_id\": <value>} or null; got string")]
    [InlineData("""{"collections":[{"db":"shop","coll":"orders","trigger":"initial","lastId":{},"done":false,"rows":1}]}""", "'snapshot.collections[0].lastId' must have exactly one field, '_id'; got {}")]
    [InlineData("""{"collections":[{"db":"shop","coll":"orders","trigger":"initial","lastId":{"id":1},"done":false,"rows":1}]}""", "'snapshot.collections[0].lastId' must have exactly one field, '_id'; got {\"id\":1}")]
    [InlineData("""{"collections":[{"db":"shop","coll":"orders","trigger":"initial","lastId":{"_id":1,"at":2},"done":false,"rows":1}]}""", "'snapshot.collections[0].lastId' must have exactly one field, '_id'; got {\"_id\":1,\"at\":2}")]
    [InlineData("""{"collections":[""" + Entry + """,{"db":"shop","coll":"lines","trigger":"initial","lastId":null,"done":false,"rows":1},""" + Entry + "]}", "'snapshot.collections[2]' is shop.orders again, already at [0] (each collection is listed once)")]
    public void Malformed_snapshot_progress_is_an_error_naming_its_place_and_the_problem(string snapshot, string problem)
    {
        var ex = Assert.Throws<CheckpointStoreException>(() => CheckpointCodec.Decode(Encoding.UTF8.GetBytes(V2(snapshot)), "orders", Location));

        Assert.Equal(Prefix + problem + Fix, ex.Message);
    }

    [Theory]
    [InlineData(1, "null", "it is version 1 but has a 'snapshot', which only version 2 has (was 'version' changed?)")]
    [InlineData(2, null, "it is version 2 but has no 'snapshot' (null when no snapshot is planned)")]
    public void The_snapshot_property_must_match_the_version(int version, string? snapshot, string problem)
    {
        var json = $$"""{"version":{{version}},"pipeline":"orders","resumeToken":null,"startAfter":false,"operationTime":{"t":1,"i":2},"committedAt":"2026-11-21T23:42:16.1230000Z"{{(snapshot is null ? "" : ",\"snapshot\":" + snapshot)}}}""";

        var ex = Assert.Throws<CheckpointStoreException>(() => CheckpointCodec.Decode(Encoding.UTF8.GetBytes(json), "orders", Location));

        Assert.Equal(Prefix + problem + Fix, ex.Message);
    }

    [Fact]
    public void A_last_id_that_is_not_extended_json_is_an_error_carrying_the_parser_problem()
    {
        var json = V2("""{"collections":[{"db":"shop","coll":"orders","trigger":"initial","lastId":{"_id":{"$numberLong":"x"}},"done":false,"rows":1}]}""");

        var ex = Assert.Throws<CheckpointStoreException>(() => CheckpointCodec.Decode(Encoding.UTF8.GetBytes(json), "orders", Location));

        Assert.StartsWith(Prefix + "'snapshot.collections[0].lastId' is not valid Extended JSON: Invalid Extended JSON at ", ex.Message);
        Assert.Contains("$numberLong", ex.Message);
        Assert.EndsWith(Fix, ex.Message);
        Assert.DoesNotContain("..", ex.Message);
    }

    [Fact]
    public void A_last_id_that_would_not_survive_extended_json_fails_the_save_naming_the_collection()
    {
        // Canonical Extended JSON sorts a regular expression's options, so "xi" would come back as "ix": not the same _id.
        var lastId = Checkpoints.LastId(w => w.WriteRegularExpression("_id", "^a", "xi"));
        var checkpoint = Checkpoints.WithToken("orders", "82AA") with
        {
            Snapshot = new SnapshotProgress([new("shop", "orders", SnapshotTriggers.Initial, lastId, false, 1)]),
        };

        var ex = Assert.Throws<CheckpointStoreException>(() => CheckpointCodec.Encode(checkpoint));

        Assert.Equal(
            "The last snapshotted _id of shop.orders to save does not survive Extended JSON exactly, so it cannot be stored as JSON: use the mongodb checkpoint store, which keeps it as BSON.",
            ex.Message);
    }

    [Fact]
    public void Progress_a_load_would_refuse_fails_the_save_in_both_forms()
    {
        var notAnId = Checkpoints.WithToken("orders", "82AA") with
        {
            Snapshot = new SnapshotProgress([new("shop", "orders", SnapshotTriggers.Initial, Checkpoints.LastId(w => w.WriteInt32("id", 1)), false, 1)]),
        };
        var twice = Checkpoints.WithToken("orders", "82AA") with
        {
            Snapshot = new SnapshotProgress([new("shop", "orders", SnapshotTriggers.Initial, null, false, 1), new("shop", "orders", SnapshotTriggers.Requested, null, false, 0)]),
        };

        foreach (var encode in new Func<StoredCheckpoint, byte[]>[] { CheckpointCodec.Encode, MongoDbCheckpointDocument.ToBson })
        {
            Assert.Equal(
                "The last snapshotted _id of shop.orders to save is not the BSON document {_id: <value>}, so the checkpoint would not load again.",
                Assert.Throws<CheckpointStoreException>(() => encode(notAnId)).Message);
            Assert.Equal(
                "The snapshot progress to save lists shop.orders twice, so the checkpoint would not load again.",
                Assert.Throws<CheckpointStoreException>(() => encode(twice)).Message);
        }
    }

    [Fact]
    public void A_checkpoint_with_snapshot_progress_damaged_or_cut_at_any_byte_is_an_error_never_different_progress()
    {
        var encoded = CheckpointCodec.Encode(Checkpoints.WithSnapshot("orders"));

        for (var at = 0; at < encoded.Length; at++)
        {
            var damaged = encoded.ToArray();
            damaged[at] = 0xFF;
            Assert.Throws<CheckpointStoreException>(() => CheckpointCodec.Decode(damaged, "orders", Location));
            Assert.Throws<CheckpointStoreException>(() => CheckpointCodec.Decode(encoded.AsSpan(0, at), "orders", Location));
        }
    }

    private static string V2(string snapshot) =>
        """{"version":2,"pipeline":"orders","resumeToken":null,"startAfter":false,"operationTime":{"t":1,"i":2},"committedAt":"2026-11-21T23:42:16.1230000Z","snapshot":"""
        + snapshot + "}";
}
