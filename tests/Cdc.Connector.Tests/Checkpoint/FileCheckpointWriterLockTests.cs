using Cdc.Connector.Checkpoint;

namespace Cdc.Connector.Tests.Checkpoint;

public sealed class FileCheckpointWriterLockTests
{
    [Fact]
    public async Task A_second_claim_on_the_same_file_is_refused_naming_the_holder_and_the_lock()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("orders.json");
        using var first = new FileCheckpointStore(path, "orders");
        await first.ClaimWriterAsync(CancellationToken.None);

        using var second = new FileCheckpointStore(path, "orders");
        var refused = await Assert.ThrowsAsync<CheckpointStoreException>(() => second.ClaimWriterAsync(CancellationToken.None));

        Assert.Contains("Another cdc run holds pipeline 'orders'", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"pid {Environment.ProcessId}", refused.Message, StringComparison.Ordinal);
        Assert.Contains(path + ".lock", refused.Message, StringComparison.Ordinal);
        Assert.Contains("pipeline.name", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_the_holder_lets_the_next_instance_claim()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("orders.json");
        using (var first = new FileCheckpointStore(path, "orders"))
        {
            await first.ClaimWriterAsync(CancellationToken.None);
        }

        using var second = new FileCheckpointStore(path, "orders");
        await second.ClaimWriterAsync(CancellationToken.None);
        await second.SaveAsync(Checkpoints.WithToken("orders", "82AA"), CancellationToken.None);
        Assert.Equal(Checkpoints.WithToken("orders", "82AA"), await second.LoadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_reader_that_never_claims_reads_beside_the_holder()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("orders.json");
        using var writer = new FileCheckpointStore(path, "orders");
        await writer.ClaimWriterAsync(CancellationToken.None);
        await writer.SaveAsync(Checkpoints.WithToken("orders", "82AA"), CancellationToken.None);

        using var reader = new FileCheckpointStore(path, "orders", removeLeftovers: false);
        Assert.Equal(Checkpoints.WithToken("orders", "82AA"), await reader.LoadAsync(CancellationToken.None));
    }
}
