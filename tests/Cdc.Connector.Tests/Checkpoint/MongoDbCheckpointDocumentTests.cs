using Cdc.Connector.Checkpoint;
using Cdc.Connector.Source;
using Cdc.Schemas.ExtendedJson;

namespace Cdc.Connector.Tests.Checkpoint;

/// <summary>The mongodb store's document, version 2 (with snapshot progress) and version 1, without a server.</summary>
public sealed class MongoDbCheckpointDocumentTests
{
    private const string Prefix = "The checkpoint in mongodb collection cdc.checkpoints _id orders is not usable: ";
    private const string Fix = ". To go on, delete that document.";
    private const string Entry = """{"db": "shop", "coll": "orders", "trigger": "initial", "lastId": null, "done": false, "rows": {"$numberLong": "1"}}""";
    private static readonly CheckpointLocation Location = new("mongodb collection cdc.checkpoints _id orders", "delete that document");

    /// <summary>
    /// What the release before snapshots wrote for <c>Checkpoints.WithToken("orders", "8265A1B2C3", isInvalidate: true)</c>:
    /// <c>{_id: "orders", version: 1, resumeToken: {_data: "8265A1B2C3"}, startAfter: true, operationTime: null, committedAt: Date}</c>.
    /// </summary>
    public const string Version1Token =
        "7B000000025F696400070000006F7264657273001076657273696F6E000100000003726573756D65546F6B656E001B000000025F646174"
        + "61000B000000383236354131423243330000087374617274416674657200010A6F7065726174696F6E54696D650009636F6D6D6974746564"
        + "4174003B387D00A201000000";

    /// <summary>The same for <c>Checkpoints.WithTime("orders", 1_700_000_000, 4)</c>: <c>resumeToken: null, operationTime: Timestamp(1700000000, 4)</c>.</summary>
    public const string Version1Time =
        "68000000025F696400070000006F7264657273001076657273696F6E00010000000A726573756D65546F6B656E0008737461727441667465"
        + "720000116F7065726174696F6E54696D65000400000000F1536509636F6D6D69747465644174003B387D00A201000000";

    [Fact]
    public void The_document_keeps_each_last_id_as_bson_and_rows_as_int64()
    {
        var checkpoint = Checkpoints.WithTime("orders", 1_700_000_000, 4) with
        {
            Snapshot = new SnapshotProgress(
            [
                new("shop", "orders", SnapshotTriggers.Initial, Checkpoints.LastId(w => w.WriteObjectId("_id", [0x65, 0xA1, 0xB2, 0xC3, 1, 2, 3, 4, 5, 6, 7, 8])), false, 12000),
                new("shop", "customers", SnapshotTriggers.HistoryLost, null, true, 0),
            ]),
        };

        var json = ExtendedJsonWriter.ToJson(MongoDbCheckpointDocument.ToBson(checkpoint), ExtendedJsonMode.Canonical);

        Assert.Equal(
            """{"_id":"orders","version":{"$numberInt":"2"},"resumeToken":null,"startAfter":false,"operationTime":{"$timestamp":{"t":1700000000,"i":4}},"committedAt":{"$date":{"$numberLong":"1795304536123"}},"snapshot":{"collections":["""
            + """{"db":"shop","coll":"orders","trigger":"initial","lastId":{"_id":{"$oid":"65a1b2c30102030405060708"}},"done":false,"rows":{"$numberLong":"12000"}},"""
            + """{"db":"shop","coll":"customers","trigger":"historyLost","lastId":null,"done":true,"rows":{"$numberLong":"0"}}]}}""",
            json);
    }

    [Fact]
    public void Snapshot_progress_with_ids_of_many_bson_types_round_trips_byte_for_byte()
    {
        var checkpoint = Checkpoints.WithSnapshot("orders");

        var read = MongoDbCheckpointDocument.Read(MongoDbCheckpointDocument.ToBson(checkpoint), "orders", Location);

        Assert.Equal(checkpoint, read);
        Assert.Equal(checkpoint.Snapshot!.Collections.Select(c => c.LastId), read.Snapshot!.Collections.Select(c => c.LastId));
    }

    [Fact]
    public void A_last_id_json_cannot_carry_exactly_is_kept_exactly()
    {
        // The JSON stores refuse this _id (canonical Extended JSON sorts the options); BSON keeps it as it is.
        var lastId = Checkpoints.LastId(w => w.WriteRegularExpression("_id", "^a", "xi"));
        var checkpoint = Checkpoints.WithToken("orders", "82AA") with
        {
            Snapshot = new SnapshotProgress([new("shop", "orders", SnapshotTriggers.Initial, lastId, false, 1)]),
        };

        var read = MongoDbCheckpointDocument.Read(MongoDbCheckpointDocument.ToBson(checkpoint), "orders", Location);

        Assert.Equal(lastId, Assert.Single(read.Snapshot!.Collections).LastId);
    }

    [Theory]
    [InlineData(Version1Token, true)]
    [InlineData(Version1Time, false)]
    public void A_version_1_document_loads_with_no_snapshot_progress(string writtenByTheReleaseBefore, bool hasToken)
    {
        var read = MongoDbCheckpointDocument.Read(Convert.FromHexString(writtenByTheReleaseBefore), "orders", Location);

        Assert.Null(read.Snapshot);
        Assert.Equal(hasToken ? Checkpoints.WithToken("orders", "8265A1B2C3", isInvalidate: true) : Checkpoints.WithTime("orders", 1_700_000_000, 4), read);
    }

    [Theory]
    [InlineData("[]", "'snapshot' must be null or a document {collections: [...]}; got Array")]
    [InlineData("\"none\"", "'snapshot' must be null or a document {collections: [...]}; got String")]
    [InlineData("{}", "'snapshot' has no 'collections'")]
    [InlineData("""{"collections": [], "next": 1}""", "'snapshot' has an unexpected field 'next'")]
    [InlineData("""{"collections": [], "collections": []}""", "'snapshot' has 'collections' twice")]
    [InlineData("""{"collections": {}}""", "'snapshot.collections' must be an array; got Document")]
    [InlineData("""{"collections": [7]}""", "'snapshot.collections[0]' must be a document; got Int32")]
    [InlineData("""{"collections": [{"db": "shop", "coll": "orders", "trigger": "initial", "lastId": null, "done": false}]}""", "'snapshot.collections[0]' lacks one of db, coll, trigger, lastId, done, rows")]
    [InlineData("""{"collections": [{"db": "shop", "coll": "orders", "trigger": "initial", "done": false, "rows": {"$numberLong": "1"}}]}""", "'snapshot.collections[0]' lacks one of db, coll, trigger, lastId, done, rows")]
    [InlineData("""{"collections": [{"db": "shop", "coll": "orders", "trigger": "initial", "lastId": null, "done": false, "rows": {"$numberLong": "1"}, "size": 9}]}""", "'snapshot.collections[0]' has an unexpected field 'size'")]
    [InlineData("""{"collections": [{"db": "shop", "coll": "orders", "trigger": "initial", "lastId": null, "done": false, "rows": {"$numberLong": "1"}, "rows": {"$numberLong": "2"}}]}""", "'snapshot.collections[0]' has 'rows' twice")]
    [InlineData("""{"collections": [{"db": "shop", "db": "shop", "coll": "orders", "trigger": "initial", "lastId": null, "done": false, "rows": {"$numberLong": "1"}}]}""", "'snapshot.collections[0]' has 'db' twice")]
    [InlineData("""{"collections": [{"db": "", "coll": "orders", "trigger": "initial", "lastId": null, "done": false, "rows": {"$numberLong": "1"}}]}""", "'snapshot.collections[0].db' must be a non-empty string; got \"\"")]
    [InlineData("""{"collections": [{"db": "shop", "coll": 5, "trigger": "initial", "lastId": null, "done": false, "rows": {"$numberLong": "1"}}]}""", "'snapshot.collections[0].coll' must be a non-empty string; got Int32")]
    [InlineData("""{"collections": [{"db": "shop", "coll": "orders", "trigger": null, "lastId": null, "done": false, "rows": {"$numberLong": "1"}}]}""", "'snapshot.collections[0].trigger' must be a non-empty string; got Null")]
    [InlineData("""{"collections": [{"db": "shop", "coll": "orders", "trigger": "initial", "lastId": null, "done": "no", "rows": {"$numberLong": "1"}}]}""", "'snapshot.collections[0].done' must be a boolean; got String")]
    [InlineData("""{"collections": [{"db": "shop", "coll": "orders", "trigger": "initial", "lastId": null, "done": false, "rows": 1}]}""", "'snapshot.collections[0].rows' must be an int64 of 0 or more; got Int32")]
    [InlineData("""{"collections": [{"db": "shop", "coll": "orders", "trigger": "initial", "lastId": null, "done": false, "rows": 1.0}]}""", "'snapshot.collections[0].rows' must be an int64 of 0 or more; got Double")]
    [InlineData("""{"collections": [{"db": "shop", "coll": "orders", "trigger": "initial", "lastId": null, "done": false, "rows": {"$numberLong": "-1"}}]}""", "'snapshot.collections[0].rows' must be an int64 of 0 or more; got -1")]
    [InlineData("""{"collections": [{"db": "shop", "coll": "orders", "trigger": "initial", "lastId": "65a1b2c3", "done": false, "rows": {"$numberLong": "1"}}]}""", "'snapshot.collections[0].lastId' must be a document {_id: <value>} or null; got String")]
    [InlineData("""{"collections": [{"db": "shop", "coll": "orders", "trigger": "initial", "lastId": {}, "done": false, "rows": {"$numberLong": "1"}}]}""", "'snapshot.collections[0].lastId' must have exactly one field, '_id'")]
    [InlineData("""{"collections": [{"db": "shop", "coll": "orders", "trigger": "initial", "lastId": {"id": 1}, "done": false, "rows": {"$numberLong": "1"}}]}""", "'snapshot.collections[0].lastId' must have exactly one field, '_id'")]
    [InlineData("""{"collections": [{"db": "shop", "coll": "orders", "trigger": "initial", "lastId": {"_id": 1, "at": 2}, "done": false, "rows": {"$numberLong": "1"}}]}""", "'snapshot.collections[0].lastId' must have exactly one field, '_id'")]
    [InlineData("""{"collections": [""" + Entry + """, {"db": "shop", "coll": "lines", "trigger": "initial", "lastId": null, "done": false, "rows": {"$numberLong": "1"}}, """ + Entry + "]}", "'snapshot.collections[2]' is shop.orders again, already at [0] (each collection is listed once)")]
    public void Malformed_snapshot_progress_is_an_error_naming_its_place_and_the_problem(string snapshot, string problem)
    {
        var document = ExtendedJsonParser.ParseDocument(Document(2, snapshot));

        var ex = Assert.Throws<CheckpointStoreException>(() => MongoDbCheckpointDocument.Read(document, "orders", Location));

        Assert.Equal(Prefix + problem + Fix, ex.Message);
    }

    [Theory]
    [InlineData(1, "null", "it is version 1 but has a 'snapshot', which only version 2 has (was 'version' changed?)")]
    [InlineData(2, null, "it is version 2 but has no 'snapshot' (null when no snapshot is planned)")]
    [InlineData(3, "null", "it is version 3, and this connector reads versions 1 and 2 (written by a newer release?)")]
    [InlineData(3, null, "it is version 3, and this connector reads versions 1 and 2 (written by a newer release?)")]
    [InlineData(3, "{\"chunks\": 4}", "it is version 3, and this connector reads versions 1 and 2 (written by a newer release?)")]
    public void The_snapshot_field_must_match_the_version(int version, string? snapshot, string problem)
    {
        var document = ExtendedJsonParser.ParseDocument(Document(version, snapshot));

        var ex = Assert.Throws<CheckpointStoreException>(() => MongoDbCheckpointDocument.Read(document, "orders", Location));

        Assert.Equal(Prefix + problem + Fix, ex.Message);
    }

    [Fact]
    public void Fields_beside_the_checkpoint_such_as_the_lease_epoch_are_ignored()
    {
        var document = ExtendedJsonParser.ParseDocument(Document(2, """{"collections": [""" + Entry + "]}", """, "writerEpoch": {"$numberLong": "3"}"""));

        var read = MongoDbCheckpointDocument.Read(document, "orders", Location);

        Assert.Equal(new SnapshotProgress([new("shop", "orders", SnapshotTriggers.Initial, null, false, 1)]), read.Snapshot);
    }

    private static string Document(int version, string? snapshot, string more = "") =>
        "{\"_id\": \"orders\", \"version\": " + version
        + """, "resumeToken": null, "startAfter": false, "operationTime": {"$timestamp": {"t": 1, "i": 1}}, "committedAt": {"$date": {"$numberLong": "0"}}"""
        + (snapshot is null ? "" : ", \"snapshot\": " + snapshot)
        + more + "}";
}
