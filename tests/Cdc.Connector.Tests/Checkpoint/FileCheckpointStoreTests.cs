using System.Text;
using Cdc.Connector.Checkpoint;
using Cdc.Connector.Source;

namespace Cdc.Connector.Tests.Checkpoint;

public sealed class FileCheckpointStoreTests
{
    private const string Fix = ". To go on, delete the file to start from mongodb.startAt, losing the position (or restore it from a backup).";

    [Fact]
    public async Task A_missing_file_loads_as_no_checkpoint()
    {
        using var directory = new TemporaryDirectory();
        using var store = new FileCheckpointStore(directory.File("orders.json"), "orders");

        Assert.Null(await store.LoadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_directory_loads_as_no_checkpoint_and_is_created_by_the_first_save()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "state", "deeper", "orders.json");
        using var store = new FileCheckpointStore(path, "orders");

        Assert.Null(await store.LoadAsync(CancellationToken.None));
        await store.SaveAsync(Checkpoints.WithToken("orders", "82AA"), CancellationToken.None);

        Assert.True(File.Exists(path));
        Assert.Equal(Checkpoints.WithToken("orders", "82AA"), await store.LoadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Saves_round_trip_and_the_latest_replaces_the_previous()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("orders.json");
        using (var store = new FileCheckpointStore(path, "orders"))
        {
            await store.SaveAsync(Checkpoints.WithTime("orders", 1_700_000_000, 3), CancellationToken.None);
            await store.SaveAsync(Checkpoints.WithToken("orders", "82BB", isInvalidate: true), CancellationToken.None);
        }

        using var reopened = new FileCheckpointStore(path, "orders");
        Assert.Equal(Checkpoints.WithToken("orders", "82BB", isInvalidate: true), await reopened.LoadAsync(CancellationToken.None));
        Assert.Equal([path], Directory.GetFiles(directory.Path));
        Assert.Equal(CheckpointCodec.Encode(Checkpoints.WithToken("orders", "82BB", isInvalidate: true)), await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task A_token_holding_every_bson_type_survives_the_file_byte_for_byte()
    {
        using var directory = new TemporaryDirectory();
        using var store = new FileCheckpointStore(directory.File("orders.json"), "orders");
        var token = Checkpoints.ExoticToken();

        await store.SaveAsync(new StoredCheckpoint("orders", ResumePosition.FromToken(token, false), Checkpoints.CommittedAt), CancellationToken.None);

        Assert.Equal(token, (await store.LoadAsync(CancellationToken.None))!.Position.Token);
    }

    [Fact]
    public async Task Snapshot_progress_with_ids_of_many_bson_types_survives_the_file_byte_for_byte()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("orders.json");
        var checkpoint = Checkpoints.WithSnapshot("orders");
        using (var store = new FileCheckpointStore(path, "orders"))
        {
            await store.SaveAsync(checkpoint, CancellationToken.None);
        }

        using var reopened = new FileCheckpointStore(path, "orders");
        var loaded = await reopened.LoadAsync(CancellationToken.None);

        Assert.Equal(checkpoint, loaded);
        Assert.Equal(checkpoint.Snapshot!.Collections.Select(c => c.LastId), loaded!.Snapshot!.Collections.Select(c => c.LastId));
    }

    [Fact]
    public async Task A_version_1_file_loads_with_no_snapshot_progress_and_the_next_save_writes_version_2()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("orders.json");
        // Byte for byte what the release before snapshots wrote.
        await File.WriteAllTextAsync(
            path,
            """{"version":1,"pipeline":"orders","resumeToken":{"_data":"82BB"},"startAfter":false,"operationTime":null,"committedAt":"2026-11-21T23:42:16.1230000Z"}""");
        using var store = new FileCheckpointStore(path, "orders");

        var loaded = await store.LoadAsync(CancellationToken.None);
        Assert.Equal(Checkpoints.WithToken("orders", "82BB"), loaded);
        Assert.Null(loaded!.Snapshot);

        await store.SaveAsync(loaded, CancellationToken.None);
        Assert.StartsWith("{\"version\":2,", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        Assert.EndsWith(",\"snapshot\":null}", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_temporary_file_left_by_a_crash_is_ignored_and_removed()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("orders.json");
        using var store = new FileCheckpointStore(path, "orders");
        await store.SaveAsync(Checkpoints.WithToken("orders", "82CC"), CancellationToken.None);
        // What a crash between creating the temporary file and the rename leaves: a half-written newer checkpoint.
        var leftover = directory.File($".orders.json.{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(leftover, """{"version":1,"pipeline":"orders","resumeToken":{"_data":"82DD""");
        var unrelated = directory.File(".other.json.0123.tmp");
        await File.WriteAllTextAsync(unrelated, "not ours");

        var loaded = await store.LoadAsync(CancellationToken.None);

        Assert.Equal(Checkpoints.WithToken("orders", "82CC"), loaded);
        Assert.False(File.Exists(leftover));
        Assert.True(File.Exists(unrelated));
    }

    [Theory]
    [InlineData("", "it is empty (a write was probably cut short outside this connector's atomic save)")]
    [InlineData("{\"version\":1,\"pipeline\":\"orders\",\"resumeTo", "it is not valid JSON (line 1, byte 43; truncated or overwritten?)")]
    [InlineData("\u00ff\u00fe garbage", "it is not valid JSON (line 1, byte 1; truncated or overwritten?)")]
    [InlineData("{\"version\":1,\"pipeline\":\"ord\u00ffrs\"}", "it has a string at byte 25 that is not valid UTF-8 or holds an unpaired \\u surrogate escape (damaged or overwritten?)")]
    [InlineData("{\"version\":1,\"pipeline\":\"billing\"}", "it belongs to pipeline 'billing', not to this pipeline 'orders' (check 'pipeline.name' and the store's location)")]
    public async Task A_corrupt_file_is_an_error_naming_the_path_and_the_fix(string content, string problem)
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("orders.json");
        await File.WriteAllBytesAsync(path, Encoding.Latin1.GetBytes(content));
        using var store = new FileCheckpointStore(path, "orders");

        var ex = await Assert.ThrowsAsync<CheckpointStoreException>(() => store.LoadAsync(CancellationToken.None));

        Assert.Equal($"The checkpoint in file {path} is not usable: {problem}{Fix}", ex.Message);
    }

    [Fact]
    public async Task A_file_truncated_at_any_length_is_an_error()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("orders.json");
        var full = CheckpointCodec.Encode(Checkpoints.WithToken("orders", "82EE"));
        using var store = new FileCheckpointStore(path, "orders");

        for (var length = 0; length < full.Length; length += 7)
        {
            await File.WriteAllBytesAsync(path, full.AsSpan(0, length).ToArray());
            var ex = await Assert.ThrowsAsync<CheckpointStoreException>(() => store.LoadAsync(CancellationToken.None));
            Assert.StartsWith($"The checkpoint in file {path} is not usable: ", ex.Message);
        }
    }

    [Fact]
    public async Task A_path_that_is_a_directory_cannot_be_read_or_written()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("orders.json");
        Directory.CreateDirectory(path);
        using var store = new FileCheckpointStore(path, "orders");

        var load = await Assert.ThrowsAsync<CheckpointStoreException>(() => store.LoadAsync(CancellationToken.None));
        var save = await Assert.ThrowsAsync<CheckpointStoreException>(() => store.SaveAsync(Checkpoints.WithToken("orders", "82"), CancellationToken.None));

        Assert.StartsWith($"Cannot read the checkpoint file {path}: ", load.Message);
        Assert.EndsWith(" Check that it is a regular file this process may read, or change 'checkpoint.path'.", load.Message);
        Assert.StartsWith($"Cannot write the checkpoint file {path}: ", save.Message);
        Assert.EndsWith(" Check that its directory is writable by this process and has space, or change 'checkpoint.path'.", save.Message);
        Assert.Equal([path], Directory.GetFileSystemEntries(directory.Path));
    }

    [Fact]
    public async Task A_directory_that_cannot_be_created_is_a_write_error_naming_the_path()
    {
        using var directory = new TemporaryDirectory();
        var blocker = directory.File("state");
        await File.WriteAllTextAsync(blocker, "a file where the directory should be");
        var path = Path.Combine(blocker, "orders.json");
        using var store = new FileCheckpointStore(path, "orders");

        var ex = await Assert.ThrowsAsync<CheckpointStoreException>(() => store.SaveAsync(Checkpoints.WithToken("orders", "82"), CancellationToken.None));

        Assert.StartsWith($"Cannot write the checkpoint file {path}: ", ex.Message);
        Assert.IsType<IOException>(ex.InnerException, exactMatch: false);
    }

    [Fact]
    public async Task A_cancelled_save_writes_nothing()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("orders.json");
        using var store = new FileCheckpointStore(path, "orders");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SaveAsync(Checkpoints.WithToken("orders", "82"), new CancellationToken(canceled: true)));

        Assert.False(File.Exists(path));
    }
}
