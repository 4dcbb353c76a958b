using Cdc.Connector.Source;
using Cdc.Connector.Tests.Pipeline;
using Cdc.Schemas.Bson;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cdc.Connector.Tests.Source;

/// <summary>
/// The snapshot windows of <see cref="PipelineSource"/> against a scripted stream and in-memory collections: when rows
/// go out, which rows a change removes, where they are emitted, and what offset each item carries.
/// </summary>
public sealed class PipelineSourceSnapshotTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static (PipelineSource Source, FakeSnapshotReader Reader, SnapshotCounters Counters) Create(ScriptedChangeStream stream, int documents, int chunkSize = 10, params string[] collections) =>
        Create(stream, documents, chunkSize, parallelism: 2, collections);

    private static (PipelineSource Source, FakeSnapshotReader Reader, SnapshotCounters Counters) Create(ScriptedChangeStream stream, int documents, int chunkSize, int parallelism, params string[] collections)
    {
        var reader = new FakeSnapshotReader();
        if (collections.Length == 0)
        {
            collections = ["orders"];
        }

        foreach (var collection in collections)
        {
            for (var id = 1; id <= documents; id++)
            {
                reader.Put("shop", collection, id, $"{collection}-{id}");
            }
        }

        var plan = new SnapshotProgress(collections.Select(c => new CollectionSnapshotProgress("shop", c, SnapshotTriggers.Initial, null, done: false, rows: 0)).ToList());
        var counters = new SnapshotCounters();
        return (new PipelineSource(stream, () => reader, plan, null, (chunkSize, parallelism), counters, NullLogger.Instance), reader, counters);
    }

    /// <summary>One item as the test reads it: kind, its position's time, and for rows and changes the document's _id.</summary>
    private static (SourceRead Read, uint Seconds, int? Id, string? Collection) Next(PipelineSource source)
    {
        var read = source.Read(out var item, None);
        switch (read)
        {
            case SourceRead.ChangeEvent:
            case SourceRead.SnapshotRow:
                int? id = null;
                string? collection = null;
                uint seconds = 0;
                var reader = new BsonReader(item);
                while (reader.MoveNext())
                {
                    if (reader.Current.NameEquals("_id"u8))
                    {
                        seconds = ScriptedChangeStream.TimeOf(reader.Current.Value).Seconds;
                    }
                    else if (reader.Current.NameEquals("documentKey"u8))
                    {
                        var key = reader.Current.GetDocumentReader();
                        key.MoveNext();
                        id = key.Current.GetInt32();
                    }
                    else if (reader.Current.NameEquals("ns"u8))
                    {
                        var ns = reader.Current.GetDocumentReader();
                        while (ns.MoveNext())
                        {
                            if (ns.Current.NameEquals("coll"u8))
                            {
                                collection = System.Text.Encoding.UTF8.GetString(ns.Current.GetStringUtf8());
                            }
                        }
                    }
                }

                return (read, seconds, id, collection);
            case SourceRead.Heartbeat:
            case SourceRead.SnapshotProgress:
                return (read, ScriptedChangeStream.TimeOf(item).Seconds, null, null);
            default:
                return (read, 0, null, null);
        }
    }

    [Fact]
    public void An_idle_stream_gets_the_chunk_at_once_at_its_last_empty_batch()
    {
        var stream = new ScriptedChangeStream().BatchEnd(10);
        var (source, reader, counters) = Create(stream, documents: 3);
        reader.ReadTime = new BsonTimestamp(10, 1);

        Assert.Equal((SourceRead.Heartbeat, 10u, (int?)null, (string?)null), Next(source));
        Assert.Equal((SourceRead.SnapshotRow, 10u, (int?)1, "orders"), Next(source));
        Assert.Equal((SourceRead.SnapshotRow, 10u, (int?)2, "orders"), Next(source));
        Assert.Equal((SourceRead.SnapshotRow, 10u, (int?)3, "orders"), Next(source));
        Assert.Equal(SourceRead.SnapshotProgress, Next(source).Read);

        var progress = Assert.Single(source.Snapshot!.Collections);
        Assert.True(progress.Done);
        Assert.Equal(3, progress.Rows);
        Assert.True(source.Snapshot.IsComplete);
        Assert.Equal(3, counters.RowsEmitted);
        Assert.Equal(1, counters.CollectionsCompleted);
    }

    [Fact]
    public void A_change_read_after_the_chunk_removes_its_row_and_the_rest_follow_the_first_event_after_the_read()
    {
        // The chunk is read at t=12 while the stream stands at 10: the change of document 2 at t=11 is inside the window.
        var stream = new ScriptedChangeStream()
            .BatchEnd(10)
            .Event(ScriptedChangeStream.Change(11, id: 2))
            .Event(ScriptedChangeStream.Change(13, id: 7, collection: "other"));
        var (source, reader, counters) = Create(stream, documents: 3);
        reader.ReadTime = new BsonTimestamp(12, 1);

        Assert.Equal(SourceRead.Heartbeat, Next(source).Read);
        Assert.Equal((SourceRead.ChangeEvent, 11u, (int?)2, "orders"), Next(source));
        Assert.Equal((SourceRead.ChangeEvent, 13u, (int?)7, "other"), Next(source));
        Assert.Equal((SourceRead.SnapshotRow, 13u, (int?)1, "orders"), Next(source));
        Assert.Equal((SourceRead.SnapshotRow, 13u, (int?)3, "orders"), Next(source));
        Assert.Equal((SourceRead.SnapshotProgress, 13u, (int?)null, (string?)null), Next(source));
        Assert.Equal(1, counters.RowsDropped);
        Assert.Equal(2, source.Snapshot!.Collections[0].Rows);
    }

    [Fact]
    public void A_change_of_the_same_id_in_another_collection_removes_nothing()
    {
        var stream = new ScriptedChangeStream()
            .BatchEnd(10)
            .Event(ScriptedChangeStream.Change(11, id: 2, collection: "other"))
            .Event(ScriptedChangeStream.Change(13, id: 9));
        var (source, reader, _) = Create(stream, documents: 2);
        reader.ReadTime = new BsonTimestamp(12, 1);

        Next(source);
        Next(source);
        Next(source);
        Assert.Equal((SourceRead.SnapshotRow, 13u, (int?)1, "orders"), Next(source));
        Assert.Equal((SourceRead.SnapshotRow, 13u, (int?)2, "orders"), Next(source));
    }

    [Fact]
    public void An_empty_batch_after_the_read_closes_the_window_and_a_batch_with_events_at_the_read_time_does_not()
    {
        // Events at exactly the read time may be one transaction whose other writes are still to come: not past it yet.
        var stream = new ScriptedChangeStream()
            .BatchEnd(10)
            .Event(ScriptedChangeStream.Change(12, id: 1))
            .BatchEnd(12)
            .BatchEnd(12);
        var (source, reader, _) = Create(stream, documents: 2);
        reader.ReadTime = new BsonTimestamp(12, 1);

        Assert.Equal(SourceRead.Heartbeat, Next(source).Read);
        Assert.Equal((SourceRead.ChangeEvent, 12u, (int?)1, "orders"), Next(source));
        Assert.Equal((SourceRead.Heartbeat, 12u, (int?)null, (string?)null), Next(source));

        // The second batch came back empty: the stream had nothing after the read.
        Assert.Equal((SourceRead.Heartbeat, 12u, (int?)null, (string?)null), Next(source));
        Assert.Equal((SourceRead.SnapshotRow, 12u, (int?)2, "orders"), Next(source));
        Assert.Equal(SourceRead.SnapshotProgress, Next(source).Read);
    }

    [Fact]
    public void A_batch_whose_position_is_past_the_read_closes_the_window()
    {
        var stream = new ScriptedChangeStream()
            .BatchEnd(10)
            .Event(ScriptedChangeStream.Change(11, id: 5, collection: "other"))
            .BatchEnd(14);
        var (source, reader, _) = Create(stream, documents: 1);
        reader.ReadTime = new BsonTimestamp(13, 1);

        Next(source);
        Assert.Equal(SourceRead.ChangeEvent, Next(source).Read);
        Assert.Equal((SourceRead.Heartbeat, 14u, (int?)null, (string?)null), Next(source));
        Assert.Equal((SourceRead.SnapshotRow, 14u, (int?)1, "orders"), Next(source));
    }

    [Fact]
    public void Chunks_continue_after_the_last_id_and_the_last_short_chunk_finishes_the_collection()
    {
        var stream = new ScriptedChangeStream().BatchEnd(10);
        var (source, reader, counters) = Create(stream, documents: 5, chunkSize: 2);
        reader.ReadTime = new BsonTimestamp(10, 1);

        var items = new List<(SourceRead Read, uint Seconds, int? Id, string? Collection)>();
        Next(source);
        while (source.Snapshot is { IsComplete: false })
        {
            items.Add(Next(source));
        }

        Assert.Equal([1, 2, 3, 4, 5], items.Where(i => i.Read == SourceRead.SnapshotRow).Select(i => i.Id!.Value));
        Assert.Equal(3, items.Count(i => i.Read == SourceRead.SnapshotProgress));
        Assert.Equal(3, reader.ChunksRead);
        Assert.Equal(3, counters.Chunks);
        var lastId = new BsonReader(source.Snapshot!.Collections[0].LastId);
        lastId.MoveNext();
        Assert.Equal(5, lastId.Current.GetInt32());
    }

    [Fact]
    public void A_progress_item_carries_the_chunk_end_and_a_row_the_progress_before_it()
    {
        var stream = new ScriptedChangeStream().BatchEnd(10);
        var (source, reader, _) = Create(stream, documents: 3, chunkSize: 2);
        reader.ReadTime = new BsonTimestamp(10, 1);

        Next(source);
        Assert.Equal(SourceRead.SnapshotRow, Next(source).Read);
        Assert.Null(source.Snapshot!.Collections[0].LastId);
        Next(source);
        Assert.Equal(SourceRead.SnapshotProgress, Next(source).Read);
        Assert.Equal(2, source.Snapshot!.Collections[0].Rows);
        Assert.False(source.Snapshot.Collections[0].Done);
    }

    [Fact]
    public void Dropping_the_collection_ends_its_snapshot_with_no_more_rows()
    {
        var stream = new ScriptedChangeStream()
            .BatchEnd(10)
            .Event(ScriptedChangeStream.Drop(11));
        var (source, reader, _) = Create(stream, documents: 3);
        reader.ReadTime = new BsonTimestamp(12, 1);

        Next(source);
        Assert.Equal(SourceRead.ChangeEvent, Next(source).Read);
        Assert.Equal((SourceRead.SnapshotProgress, 11u, (int?)null, (string?)null), Next(source));
        Assert.True(source.Snapshot!.Collections[0].Done);
        Assert.Equal(0, source.Snapshot.Collections[0].Rows);
    }

    [Fact]
    public void Parallelism_reads_a_chunk_of_two_collections_in_one_boundary()
    {
        var stream = new ScriptedChangeStream().BatchEnd(10).Event(ScriptedChangeStream.Change(13, id: 1, collection: "c"));
        var (source, reader, _) = Create(stream, 2, 10, "a", "b", "c");
        reader.ReadTime = new BsonTimestamp(12, 1);

        Next(source);
        Assert.Equal(0, reader.ChunksRead);

        // The read after the batch end opens a window on "a" and "b" (two at a time), then reads the stream.
        Assert.Equal((SourceRead.ChangeEvent, 13u, (int?)1, "c"), Next(source));
        Assert.Equal(2, reader.ChunksRead);
        Assert.Equal((SourceRead.SnapshotRow, 13u, (int?)1, "a"), Next(source));
        Assert.Equal((SourceRead.SnapshotRow, 13u, (int?)2, "a"), Next(source));
        Assert.Equal(SourceRead.SnapshotProgress, Next(source).Read);
        Assert.Equal((SourceRead.SnapshotRow, 13u, (int?)1, "b"), Next(source));
    }

    [Fact]
    public void A_requested_snapshot_is_folded_in_at_a_batch_boundary_and_committed_there_before_its_rows()
    {
        var stream = new ScriptedChangeStream().BatchEnd(10).BatchEnd(11);
        var reader = new FakeSnapshotReader { ReadTime = new BsonTimestamp(11, 1) };
        reader.Put("shop", "orders", 1, "one");
        var inbox = new SnapshotRequestInbox();
        var source = new PipelineSource(stream, () => reader, null, inbox, (10, 2), new SnapshotCounters(), NullLogger.Instance);
        var request = new SnapshotRequest("r1", [new SnapshotNamespace("shop", "orders")], DateTimeOffset.UnixEpoch, "test");

        Assert.Equal(SourceRead.Heartbeat, Next(source).Read);
        inbox.Offer(request);
        Assert.Equal((SourceRead.SnapshotProgress, 10u, (int?)null, (string?)null), Next(source));
        var planned = Assert.Single(source.Snapshot!.Collections);
        Assert.Equal("requested:r1", planned.Trigger);
        Assert.False(planned.Done);

        // The chunk is read at 11, after the stream's 10: it waits for the next batch.
        Assert.Equal((SourceRead.Heartbeat, 11u, (int?)null, (string?)null), Next(source));
        Assert.Equal((SourceRead.SnapshotRow, 11u, (int?)1, "orders"), Next(source));
        Assert.Equal(SourceRead.SnapshotProgress, Next(source).Read);
        Assert.True(source.Snapshot!.IsComplete);
        Assert.Equal(request, Assert.Single(inbox.Committed(source.Snapshot)));
        Assert.Empty(inbox.Committed(source.Snapshot));
    }

    [Fact]
    public void A_request_for_a_collection_being_snapshotted_is_settled_without_starting_it_over()
    {
        var stream = new ScriptedChangeStream().BatchEnd(10).Event(ScriptedChangeStream.Change(12, id: 9, collection: "other"));
        var reader = new FakeSnapshotReader { ReadTime = new BsonTimestamp(11, 1) };
        reader.Put("shop", "orders", 1, "one");
        var inbox = new SnapshotRequestInbox();
        var plan = new SnapshotProgress([new CollectionSnapshotProgress("shop", "orders", SnapshotTriggers.Initial, null, done: false, rows: 0)]);
        var source = new PipelineSource(stream, () => reader, plan, inbox, (10, 2), new SnapshotCounters(), NullLogger.Instance);
        var request = new SnapshotRequest("r2", [new SnapshotNamespace("shop", "orders")], DateTimeOffset.UnixEpoch, "test");

        Assert.Equal(SourceRead.Heartbeat, Next(source).Read);
        inbox.Offer(request);
        Assert.Equal(SourceRead.ChangeEvent, Next(source).Read);
        Assert.Equal(SnapshotTriggers.Initial, Assert.Single(source.Snapshot!.Collections).Trigger);
        Assert.Equal(request, Assert.Single(inbox.Committed(null)));
    }

    [Fact]
    public void The_next_chunk_of_an_idle_stream_is_read_while_the_rows_of_the_chunk_before_it_are_published()
    {
        var stream = new ScriptedChangeStream().BatchEnd(10);
        var (source, reader, _) = Create(stream, documents: 5, chunkSize: 2);
        reader.ReadTime = new BsonTimestamp(10, 1);

        Next(source);
        Assert.Equal((SourceRead.SnapshotRow, 10u, (int?)1, "orders"), Next(source));

        // Nothing more is asked of the source: the read of the second chunk must begin on its own.
        Assert.True(WaitUntil(() => reader.ChunksRead == 2), $"the second chunk was not read ahead ({reader.ChunksRead} chunk reads)");

        var rows = new List<int>();
        while (source.Snapshot is { IsComplete: false })
        {
            var item = Next(source);
            if (item.Read == SourceRead.SnapshotRow)
            {
                rows.Add(item.Id!.Value);
            }
        }

        Assert.Equal([2, 3, 4, 5], rows);
        Assert.Equal(3, reader.ChunksRead);
        source.Dispose();
    }

    [Fact]
    public void A_chunk_read_ahead_is_read_again_when_the_stream_was_read_before_its_turn()
    {
        // "a" is read at the stream's idle position (its rows go out at once, the next chunk is read ahead); "b" is read
        // at 12, so its window stays open and, with one collection at a time, the stream is read before a's next chunk.
        var stream = new ScriptedChangeStream()
            .BatchEnd(10)
            .Event(ScriptedChangeStream.Change(11, id: 3, collection: "a"))
            .Event(ScriptedChangeStream.Change(13, id: 9, collection: "other"))
            .BatchEnd(14)
            .BatchEnd(15)
            .BatchEnd(16);
        var (source, reader, _) = Create(stream, documents: 3, chunkSize: 2, parallelism: 1, "a", "b");
        reader.ReadTimeOf["a"] = new BsonTimestamp(10, 1);
        reader.ReadTimeOf["b"] = new BsonTimestamp(12, 1);

        Next(source);
        Assert.Equal((SourceRead.SnapshotRow, 10u, (int?)1, "a"), Next(source));
        Assert.True(WaitUntil(() => reader.ChunksRead == 3), $"a's second chunk was not read ahead ({reader.ChunksRead} chunk reads)");

        // The change of a's document 3 at t=11, which the stream delivers next: the chunk read ahead holds the state before it.
        reader.Put("shop", "a", 3, "a-3-changed");
        var items = new List<(SourceRead Read, uint Seconds, int? Id, string? Collection, string? Text)>();
        while (source.Snapshot is { IsComplete: false })
        {
            var read = source.Read(out var item, None);
            items.Add((read, 0, null, null, read == SourceRead.SnapshotRow ? TextOf(item) : null));
        }

        // Read at its turn, a's last chunk shows the document as changed (the stale read ahead would have shown "a-3").
        Assert.Contains("a-3-changed", items.Select(i => i.Text));
        Assert.DoesNotContain("a-3", items.Select(i => i.Text));
        Assert.Equal(["a-2", "a-3-changed"], items.Where(i => i.Text?.StartsWith("a-", StringComparison.Ordinal) == true).Select(i => i.Text));
        Assert.Equal(["b-1", "b-2", "b-3"], items.Where(i => i.Text?.StartsWith("b-", StringComparison.Ordinal) == true).Select(i => i.Text));
        source.Dispose();
    }

    private static bool WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            Thread.Sleep(5);
        }

        return true;
    }

    /// <summary>The <c>fullDocument.text</c> of a snapshot row.</summary>
    private static string? TextOf(ReadOnlySpan<byte> row)
    {
        var reader = new BsonReader(row);
        while (reader.MoveNext())
        {
            if (reader.Current.NameEquals("fullDocument"u8))
            {
                var document = reader.Current.GetDocumentReader();
                while (document.MoveNext())
                {
                    if (document.Current.NameEquals("text"u8))
                    {
                        return System.Text.Encoding.UTF8.GetString(document.Current.GetStringUtf8());
                    }
                }
            }
        }

        return null;
    }
}
