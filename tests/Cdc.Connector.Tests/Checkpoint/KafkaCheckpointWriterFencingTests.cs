using Cdc.Connector.Checkpoint;
using Cdc.Sandbox.Kafka;

namespace Cdc.Connector.Tests.Checkpoint;

public sealed class KafkaCheckpointWriterFencingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public KafkaCheckpointWriterFencingTests() => KafkaTestLibrary.Ensure();

    // That the claim fences the old writer is the brokers' doing, and librdkafka's mock cluster does not fence (its
    // InitProducerId leaves the old producer writing): OneWriterTests proves it against a real broker.
    [Fact]
    public async Task A_claim_after_the_previous_writer_vanished_reads_its_last_commit_and_writes_on()
    {
        using var cluster = new KafkaMockCluster();
        var old = Store(cluster, "orders");
        await old.ClaimWriterAsync(CancellationToken.None);
        await old.SaveAsync(Checkpoints.WithToken("orders", "82AA"), CancellationToken.None);
        old.Dispose();

        using var taker = Store(cluster, "orders");
        await taker.ClaimWriterAsync(CancellationToken.None);
        Assert.Equal(Checkpoints.WithToken("orders", "82AA"), await taker.LoadAsync(CancellationToken.None));
        await taker.SaveAsync(Checkpoints.WithToken("orders", "82BB"), CancellationToken.None);

        using var reader = Store(cluster, "orders");
        Assert.Equal(Checkpoints.WithToken("orders", "82BB"), await reader.LoadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Pipelines_of_other_names_do_not_fence_each_other()
    {
        using var cluster = new KafkaMockCluster();
        using var orders = Store(cluster, "orders");
        await orders.ClaimWriterAsync(CancellationToken.None);
        using var billing = Store(cluster, "billing");
        await billing.ClaimWriterAsync(CancellationToken.None);

        await orders.SaveAsync(Checkpoints.WithToken("orders", "82AA"), CancellationToken.None);
        await billing.SaveAsync(Checkpoints.WithToken("billing", "82BB"), CancellationToken.None);

        Assert.Equal(Checkpoints.WithToken("orders", "82AA"), await orders.LoadAsync(CancellationToken.None));
        Assert.Equal(Checkpoints.WithToken("billing", "82BB"), await billing.LoadAsync(CancellationToken.None));
    }

    private static KafkaCheckpointStore Store(KafkaMockCluster cluster, string pipeline) =>
        new(cluster.BootstrapServers, "cdc.checkpoints", pipeline, new Dictionary<string, string>(), Timeout, new RecordingLogger());
}
