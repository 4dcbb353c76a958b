using Cdc.Connector.Checkpoint;
using Cdc.Connector.Configuration;
using Cdc.Connector.MongoDb;
using Cdc.Connector.Tests.Checkpoint;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cdc.Connector.Tests.Check;

public sealed class CheckpointStoreForCheckTests
{
    [Fact]
    public async Task Loading_for_a_check_leaves_a_running_connectors_save_in_progress_alone()
    {
        using var directory = new TemporaryDirectory();
        var options = new CdcOptions();
        options.Checkpoint.Path = directory.File("orders.json");
        options.Pipeline.Name = "orders";
        using (var connector = new FileCheckpointStore(options.Checkpoint.Path, "orders"))
        {
            await connector.SaveAsync(Checkpoints.WithToken("orders", "82AA"), CancellationToken.None);
        }

        // What FileCheckpointStore.SaveAsync has written but not yet renamed.
        var inProgress = directory.File($".orders.json.{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(inProgress, "{}");
        using var mongo = new MongoConnection("mongodb://127.0.0.1:1", NullLoggerFactory.Instance);
        using var store = CheckpointStoreFactory.Create(options, NullLoggerFactory.Instance, mongo, inspectionLimit: TimeSpan.FromSeconds(5));

        Assert.Equal(Checkpoints.WithToken("orders", "82AA"), await store.LoadAsync(CancellationToken.None));
        Assert.True(File.Exists(inProgress));
        Assert.Equal($"file {options.Checkpoint.Path}", store.Description);
    }

    [Fact]
    public async Task The_connectors_own_load_still_removes_leftovers_of_a_crash()
    {
        using var directory = new TemporaryDirectory();
        var leftover = directory.File($".orders.json.{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(leftover, "{}");
        using var store = new FileCheckpointStore(directory.File("orders.json"), "orders");

        Assert.Null(await store.LoadAsync(CancellationToken.None));
        Assert.False(File.Exists(leftover));
    }
}
