using Cdc.Connector.Source;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;

namespace Cdc.Connector.Tests.Source;

public sealed class SplitEventAssemblerTests
{
    [Fact]
    public void Fragments_become_one_event_with_every_field_and_the_last_fragments_token()
    {
        var assembler = new SplitEventAssembler();
        var first = Fragment(1, 3, "t1", new BsonDocument { { "operationType", "update" }, { "clusterTime", new BsonTimestamp(7, 1) } });
        var second = Fragment(2, 3, "t2", new BsonDocument("fullDocument", new BsonDocument { { "_id", 1 }, { "big", new string('a', 1000) } }));
        var third = Fragment(3, 3, "t3", new BsonDocument("fullDocumentBeforeChange", new BsonDocument { { "_id", 1 }, { "big", new string('b', 1000) } }));

        Assert.Equal(SplitEventStep.Pending, assembler.Add(first, out _));
        Assert.True(assembler.InProgress);
        Assert.Equal(SplitEventStep.Pending, assembler.Add(second, out _));
        Assert.Equal(SplitEventStep.Assembled, assembler.Add(third, out var assembled));

        var whole = BsonSerializer.Deserialize<BsonDocument>(assembled.ToArray());
        Assert.Equal(
            ["_id", "operationType", "clusterTime", "fullDocument", "fullDocumentBeforeChange"],
            whole.Names.ToArray());
        Assert.Equal("t3", whole["_id"]["_data"].AsString);
        Assert.Equal("update", whole["operationType"].AsString);
        Assert.Equal(new string('a', 1000), whole["fullDocument"]["big"].AsString);
        Assert.Equal(new string('b', 1000), whole["fullDocumentBeforeChange"]["big"].AsString);
        Assert.False(assembler.InProgress);
        Assert.Equal(3, assembler.LastFragmentCount);
    }

    [Fact]
    public void An_event_that_is_not_a_fragment_passes_through_untouched()
    {
        var assembler = new SplitEventAssembler();
        var plain = new BsonDocument { { "_id", new BsonDocument("_data", "t") }, { "operationType", "insert" } }.ToBson();

        Assert.Equal(SplitEventStep.Whole, assembler.Add(plain, out var assembled));

        Assert.True(assembled.IsEmpty);
        Assert.False(assembler.InProgress);
    }

    [Fact]
    public void A_stream_that_starts_inside_a_split_event_stops_with_the_fix_and_reopening_cannot_help()
    {
        var assembler = new SplitEventAssembler();

        var error = Assert.Throws<SplitEventException>(() => assembler.Add(Fragment(2, 3, "t2", new BsonDocument("a", 1)), out _));

        Assert.False(error.ReopenHelps);
        Assert.Contains("fragment 2 of 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("mongodb.startAt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fragment_out_of_sequence_drops_the_partial_event_and_asks_for_a_reopen()
    {
        var assembler = new SplitEventAssembler();
        assembler.Add(Fragment(1, 3, "t1", new BsonDocument("a", 1)), out _);

        var skipped = Assert.Throws<SplitEventException>(() => assembler.Add(Fragment(3, 3, "t3", new BsonDocument("b", 2)), out _));

        Assert.True(skipped.ReopenHelps);
        Assert.Contains("fragment 3 of 3 came where fragment 2 of 3 was due", skipped.Message, StringComparison.Ordinal);
        Assert.False(assembler.InProgress);
    }

    [Fact]
    public void A_whole_event_between_fragments_is_an_interruption()
    {
        var assembler = new SplitEventAssembler();
        assembler.Add(Fragment(1, 2, "t1", new BsonDocument("a", 1)), out _);
        var plain = new BsonDocument { { "_id", new BsonDocument("_data", "t") }, { "operationType", "insert" } }.ToBson();

        var error = Assert.Throws<SplitEventException>(() => assembler.Add(plain, out _));

        Assert.True(error.ReopenHelps);
    }

    [Fact]
    public void Reset_drops_a_partial_event_so_the_reopened_stream_starts_over_at_fragment_one()
    {
        var assembler = new SplitEventAssembler();
        assembler.Add(Fragment(1, 2, "t1", new BsonDocument("a", 1)), out _);

        assembler.Reset();

        Assert.False(assembler.InProgress);
        Assert.Equal(SplitEventStep.Pending, assembler.Add(Fragment(1, 2, "t1", new BsonDocument("a", 1)), out _));
        Assert.Equal(SplitEventStep.Assembled, assembler.Add(Fragment(2, 2, "t2", new BsonDocument("b", 2)), out var assembled));
        var whole = BsonSerializer.Deserialize<BsonDocument>(assembled.ToArray());
        Assert.Equal(["_id", "a", "b"], whole.Names.ToArray());
    }

    [Fact]
    public void Memory_holds_one_event_and_a_large_buffer_is_let_go_once_its_event_was_read()
    {
        var assembler = new SplitEventAssembler();
        var body = new string('x', 3 * 1024 * 1024);
        assembler.Add(Fragment(1, 2, "t1", new BsonDocument("fullDocument", new BsonDocument("big", body))), out _);
        assembler.Add(Fragment(2, 2, "t2", new BsonDocument("fullDocumentBeforeChange", new BsonDocument("big", body))), out var assembled);

        // The buffer holds the event and no more than half as much again (its growth step), not every fragment twice.
        Assert.InRange(assembler.BufferCapacity, assembled.Length, assembled.Length * 3 / 2);

        var plain = new BsonDocument { { "_id", new BsonDocument("_data", "t") }, { "operationType", "insert" } }.ToBson();
        assembler.Add(plain, out _);

        Assert.Equal(0, assembler.BufferCapacity);
    }

    [Fact]
    public void A_small_buffer_is_kept_for_the_next_split_event()
    {
        var assembler = new SplitEventAssembler();
        assembler.Add(Fragment(1, 2, "t1", new BsonDocument("a", 1)), out _);
        assembler.Add(Fragment(2, 2, "t2", new BsonDocument("b", 2)), out _);
        var kept = assembler.BufferCapacity;

        assembler.Add(Fragment(1, 2, "u1", new BsonDocument("a", 1)), out _);

        Assert.True(kept > 0);
        Assert.Equal(kept, assembler.BufferCapacity);
    }

    /// <summary>A fragment as MongoDB sends it: its own token as _id, then splitEvent, then whole top-level fields.</summary>
    private static byte[] Fragment(int fragment, int of, string token, BsonDocument fields)
    {
        var document = new BsonDocument
        {
            { "_id", new BsonDocument("_data", token) },
            { "splitEvent", new BsonDocument { { "fragment", fragment }, { "of", of } } },
        };
        document.AddRange(fields);
        return document.ToBson();
    }
}
