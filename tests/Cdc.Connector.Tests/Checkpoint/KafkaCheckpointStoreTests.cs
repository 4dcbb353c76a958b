using System.Text;
using Cdc.Connector.Checkpoint;
using Cdc.Connector.Source;
using Cdc.Sandbox.Kafka;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Tests.Checkpoint;

public sealed class KafkaCheckpointStoreTests
{
    private const string Topic = "cdc.checkpoints";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(60);

    public KafkaCheckpointStoreTests() => KafkaTestLibrary.Ensure();

    [Fact]
    public async Task A_topic_that_does_not_exist_loads_as_no_checkpoint_and_logs_that_compaction_could_not_be_set()
    {
        using var cluster = new KafkaMockCluster(1);
        var log = new RecordingLogger();
        using var store = Store(cluster, "orders", log);

        Assert.Null(await store.LoadAsync(CancellationToken.None));

        var warning = Assert.Single(log.Entries, e => e.Level == LogLevel.Warning);
        Assert.StartsWith("Checkpoint topic cdc.checkpoints does not exist and could not be created with cleanup.policy=compact (", warning.Message);
    }

    [Fact]
    public async Task A_saved_checkpoint_loads_back_in_a_new_store()
    {
        using var cluster = new KafkaMockCluster();
        using (var store = Store(cluster, "orders"))
        {
            await store.SaveAsync(Checkpoints.WithToken("orders", "8265A1B2C3"), CancellationToken.None);
        }

        using var reopened = Store(cluster, "orders");
        Assert.Equal(Checkpoints.WithToken("orders", "8265A1B2C3"), await reopened.LoadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_latest_save_wins_and_a_token_of_any_bson_survives()
    {
        using var cluster = new KafkaMockCluster();
        using var store = Store(cluster, "orders");
        var token = Checkpoints.ExoticToken();
        await store.SaveAsync(Checkpoints.WithTime("orders", 1_700_000_000, 1), CancellationToken.None);
        await store.SaveAsync(Checkpoints.WithToken("orders", "82AA"), CancellationToken.None);
        await store.SaveAsync(new StoredCheckpoint("orders", ResumePosition.FromToken(token, true), Checkpoints.CommittedAt), CancellationToken.None);

        var loaded = await store.LoadAsync(CancellationToken.None);

        Assert.Equal(token, loaded!.Position.Token);
        Assert.True(loaded.Position.IsInvalidate);
    }

    [Fact]
    public async Task Snapshot_progress_with_ids_of_many_bson_types_loads_back_in_a_new_store()
    {
        using var cluster = new KafkaMockCluster();
        var checkpoint = Checkpoints.WithSnapshot("orders");
        using (var store = Store(cluster, "orders"))
        {
            await store.SaveAsync(checkpoint, CancellationToken.None);
        }

        using var reopened = Store(cluster, "orders");
        var loaded = await reopened.LoadAsync(CancellationToken.None);

        Assert.Equal(checkpoint, loaded);
        Assert.Equal(checkpoint.Snapshot!.Collections.Select(c => c.LastId), loaded!.Snapshot!.Collections.Select(c => c.LastId));
    }

    [Fact]
    public async Task Several_pipelines_share_one_topic_each_under_its_own_key()
    {
        using var cluster = new KafkaMockCluster();
        cluster.CreateTopic(Topic, partitions: 8);
        var names = Enumerable.Range(0, 5).Select(i => "pipeline-" + i).ToArray();
        var stores = names.Select(name => Store(cluster, name)).ToArray();
        try
        {
            for (var round = 0; round < 3; round++)
            {
                for (var i = 0; i < stores.Length; i++)
                {
                    await stores[i].SaveAsync(Checkpoints.WithTime(names[i], (uint)(1000 * i), (uint)round), CancellationToken.None);
                }
            }

            for (var i = 0; i < stores.Length; i++)
            {
                Assert.Equal(Checkpoints.WithTime(names[i], (uint)(1000 * i), 2), await stores[i].LoadAsync(CancellationToken.None));
            }
        }
        finally
        {
            foreach (var store in stores)
            {
                store.Dispose();
            }
        }

        using var other = Store(cluster, "never-saved");
        Assert.Null(await other.LoadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_tombstone_deletes_the_checkpoint()
    {
        using var cluster = new KafkaMockCluster();
        using var store = Store(cluster, "orders");
        await store.SaveAsync(Checkpoints.WithToken("orders", "82AA"), CancellationToken.None);

        await Produce(cluster, "orders", null);

        Assert.Null(await store.LoadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_corrupt_value_is_an_error_naming_the_topic_key_and_fix()
    {
        using var cluster = new KafkaMockCluster();
        using var store = Store(cluster, "orders");
        await store.SaveAsync(Checkpoints.WithToken("orders", "82AA"), CancellationToken.None);
        await Produce(cluster, "orders", Encoding.UTF8.GetBytes("{\"version\":1,\"pipel"));

        var ex = await Assert.ThrowsAsync<CheckpointStoreException>(() => store.LoadAsync(CancellationToken.None));

        Assert.Equal(
            "The checkpoint in kafka topic cdc.checkpoints key orders is not usable: it is not valid JSON (line 1, byte 20; truncated or overwritten?). " +
            "To go on, produce a record with key 'orders' and a null value (a tombstone) to topic cdc.checkpoints to start from mongodb.startAt, losing the position.",
            ex.Message);
    }

    [Fact]
    public async Task A_value_with_a_damaged_byte_is_an_error_naming_the_topic_key_and_fix()
    {
        using var cluster = new KafkaMockCluster();
        using var store = Store(cluster, "orders");
        var damaged = CheckpointCodec.Encode(Checkpoints.WithToken("orders", "82AA"));
        damaged[26] = 0xFF;
        await Produce(cluster, "orders", damaged);

        var ex = await Assert.ThrowsAsync<CheckpointStoreException>(() => store.LoadAsync(CancellationToken.None));

        Assert.Equal(
            "The checkpoint in kafka topic cdc.checkpoints key orders is not usable: it has a string at byte 25 that is not valid UTF-8 or holds an "
            + "unpaired \\u surrogate escape (damaged or overwritten?). To go on, produce a record with key 'orders' and a null value (a tombstone) "
            + "to topic cdc.checkpoints to start from mongodb.startAt, losing the position.",
            ex.Message);
    }

    [Fact]
    public async Task Unreachable_brokers_fail_a_load_within_the_timeout()
    {
        using var cluster = new KafkaMockCluster(1);
        cluster.SetBrokerDown(1);
        using var store = Store(cluster, "orders", timeout: TimeSpan.FromSeconds(2));

        // It gives up at its own limit, which the message names; the test's deadline only bounds a hang.
        var ex = await Assert.ThrowsAsync<CheckpointStoreException>(() => store.LoadAsync(CancellationToken.None).WaitAsync(HangLimit));

        Assert.StartsWith($"Cannot load the checkpoint from kafka topic cdc.checkpoints key orders at {cluster.BootstrapServers} within 2 s: ", ex.Message);
        Assert.EndsWith(". Check 'kafka.bootstrapServers' and that the brokers are up.", ex.Message);
    }

    [Fact]
    public async Task Unreachable_brokers_fail_a_save_within_the_timeout()
    {
        using var cluster = new KafkaMockCluster(1);
        cluster.SetBrokerDown(1);
        using var store = Store(cluster, "orders", timeout: TimeSpan.FromSeconds(2));

        // It gives up at its own limit; the test's deadline only bounds a hang.
        var ex = await Assert.ThrowsAsync<CheckpointStoreException>(() => store.SaveAsync(Checkpoints.WithToken("orders", "82"), CancellationToken.None).WaitAsync(HangLimit));

        Assert.StartsWith($"Cannot save the checkpoint to kafka topic cdc.checkpoints key orders at {cluster.BootstrapServers}: ", ex.Message);
    }

    [Fact]
    public async Task With_the_brokers_unreachable_each_failed_connection_is_one_line_of_the_stores_logger()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        var log = new RecordingLogger();
        using var store = new KafkaCheckpointStore($"127.0.0.1:{port}", Topic, "orders", new Dictionary<string, string>(), TimeSpan.FromSeconds(2), log);

        await Assert.ThrowsAsync<CheckpointStoreException>(() => store.LoadAsync(CancellationToken.None));

        // librdkafka's clients log through the store's logger (not straight to stderr), and a failed connection, which
        // librdkafka reports both as a FAIL line and to the error handler, is the error handler's debug line only.
        var failures = log.Entries.Where(e => e.Message.Contains($"Connect to ipv4#127.0.0.1:{port} failed", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(failures);
        Assert.All(failures, e => Assert.Equal(
            (LogLevel.Debug, true),
            (e.Level, e.Message.StartsWith("Kafka checkpoint client error (librdkafka retries): Local_Transport: ", StringComparison.Ordinal))));
        Assert.DoesNotContain(log.Entries, e => e.Level > LogLevel.Debug);
    }

    private static KafkaCheckpointStore Store(KafkaMockCluster cluster, string pipeline, ILogger? logger = null, TimeSpan? timeout = null) =>
        new(cluster.BootstrapServers, Topic, pipeline, new Dictionary<string, string>(), timeout ?? Timeout, logger ?? new RecordingLogger());

    private static async Task Produce(KafkaMockCluster cluster, string key, byte[]? value)
    {
        using var producer = new ProducerBuilder<byte[], byte[]?>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers, Partitioner = Partitioner.Murmur2Random }).Build();
        await producer.ProduceAsync(Topic, new Message<byte[], byte[]?> { Key = Encoding.UTF8.GetBytes(key), Value = value });
    }
}
