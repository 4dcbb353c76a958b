using System.Text;
using Cdc.Connector.Configuration;
using Cdc.Connector.Sink;
using Cdc.Connector.Source;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Checkpoint;

/// <summary>
/// Checkpoints as records of a compacted topic, key = pipeline name, value = the <see cref="CheckpointCodec"/> JSON
/// (a null value deletes). Save produces with the idempotent producer and acks=all and returns on the delivery report;
/// Load reads every partition from the start to its high watermark and keeps our key's last value. Every Kafka call
/// is bounded by the operation timeout, so an unreachable cluster is an error, not a hang.
/// <para>
/// One writer: `cdc run` claims the pipeline with a transactional producer whose transactional.id is derived from the
/// topic and pipeline name, and writes every checkpoint in a transaction of its own. InitTransactions makes the brokers
/// fence every earlier producer with that id (and abort its open transaction), so a new instance takes over: the old
/// one's next commit fails with a fencing error and it stops. No lease to expire, so a restart after kill -9 is immediate;
/// Load reads committed records only, so a fenced instance's last attempt never shows. A store that never claimed (tests,
/// `cdc check`'s probe) writes with the plain idempotent producer.
/// </para>
/// </summary>
internal sealed class KafkaCheckpointStore : ICheckpointStore, ISnapshotRequestChannel
{
    public static readonly TimeSpan DefaultOperationTimeout = TimeSpan.FromSeconds(30);

    private readonly string _bootstrapServers;
    private readonly string _topic;
    private readonly string _pipeline;
    private readonly byte[] _key;
    private readonly IReadOnlyDictionary<string, string> _clientProperties;
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;
    private readonly CheckpointLocation _location;
    private readonly Lock _producerLock = new();
    private IProducer<byte[], byte[]>? _producer;
    private IProducer<byte[], byte[]>? _writer;
    private bool _topicChecked;

    // clientProperties: librdkafka properties every client here needs too (security.protocol, sasl.*, ssl.*).
    public KafkaCheckpointStore(
        string bootstrapServers,
        string topic,
        string pipeline,
        IReadOnlyDictionary<string, string> clientProperties,
        TimeSpan operationTimeout,
        ILogger logger)
    {
        LibrdkafkaLoader.EnsureLoaded();
        _bootstrapServers = bootstrapServers;
        _topic = topic;
        _pipeline = pipeline;
        _key = Encoding.UTF8.GetBytes(pipeline);
        _clientProperties = clientProperties;
        _timeout = operationTimeout;
        _logger = logger;
        Description = $"kafka topic {topic} key {pipeline}";
        _location = new CheckpointLocation(
            Description,
            $"produce a record with key '{pipeline}' and a null value (a tombstone) to topic {topic} to start from mongodb.startAt, losing the position");
    }

    public string Description { get; }

    public Task<StoredCheckpoint?> LoadAsync(CancellationToken cancellationToken) =>
        Task.Run(() => Load(cancellationToken), cancellationToken);

    /// <summary>The brokers' transactional.id of this pipeline's writer: one per checkpoint topic and pipeline name.</summary>
    public string TransactionalId => $"cdc-checkpoint.{_topic}.{_pipeline}";

    public Task ClaimWriterAsync(CancellationToken cancellationToken) => Task.Run(
        () =>
        {
            var writer = new ProducerBuilder<byte[], byte[]>(Configure(new ProducerConfig
            {
                TransactionalId = TransactionalId,
                EnableIdempotence = true,
                Acks = Acks.All,
                LingerMs = 0,
                MessageTimeoutMs = (int)_timeout.TotalMilliseconds,
                RequestTimeoutMs = (int)_timeout.TotalMilliseconds,
                TransactionTimeoutMs = (int)_timeout.TotalMilliseconds,
                Partitioner = Partitioner.Murmur2Random,
            })).Build();
            try
            {
                writer.InitTransactions(_timeout);
            }
            catch (KafkaException ex)
            {
                writer.Dispose();
                throw new CheckpointStoreException(
                    $"Cannot claim pipeline '{_pipeline}' as the one writer of {Description} at {_bootstrapServers} (transactional.id {TransactionalId}): {ex.Error.Reason} ({ex.Error.Code}). "
                    + "Check that the brokers are reachable and the principal may use that transactional id and write to the topic.", ex);
            }

            lock (_producerLock)
            {
                _writer = writer;
            }
        },
        cancellationToken);

    public async Task SaveAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        IProducer<byte[], byte[]>? writer;
        lock (_producerLock)
        {
            writer = _writer;
        }

        if (writer is not null)
        {
            await Task.Run(() => SaveInTransaction(writer, CheckpointCodec.Encode(checkpoint), cancellationToken), cancellationToken).ConfigureAwait(false);
            return;
        }

        var value = CheckpointCodec.Encode(checkpoint);
        var producer = Producer();
        try
        {
            await producer.ProduceAsync(_topic, new Message<byte[], byte[]> { Key = _key, Value = value }, cancellationToken);
        }
        catch (ProduceException<byte[], byte[]> ex)
        {
            throw new CheckpointStoreException(
                $"Cannot save the checkpoint to {Description} at {_bootstrapServers}: {ex.Error.Reason} ({ex.Error.Code}). Check that the brokers are reachable and the topic is writable.", ex);
        }
        catch (KafkaException ex)
        {
            throw new CheckpointStoreException($"Cannot save the checkpoint to {Description} at {_bootstrapServers}: {ex.Error.Reason} ({ex.Error.Code}).", ex);
        }
    }

    /// <summary>A probe record under the key "{pipeline}.cdc-check-probe", then its tombstone: Load reads only our own key, and compaction removes both.</summary>
    public async Task ProbeWriteAsync(CancellationToken cancellationToken)
    {
        var probeKey = Encoding.UTF8.GetBytes(_pipeline + ".cdc-check-probe");
        var producer = Producer();
        try
        {
            await producer.ProduceAsync(_topic, new Message<byte[], byte[]> { Key = probeKey, Value = "{\"probe\":true}"u8.ToArray() }, cancellationToken);
            await producer.ProduceAsync(_topic, new Message<byte[], byte[]> { Key = probeKey, Value = null! }, cancellationToken);
        }
        catch (ProduceException<byte[], byte[]> ex)
        {
            throw new CheckpointStoreException(
                $"Cannot write to {Description} at {_bootstrapServers}: {ex.Error.Reason} ({ex.Error.Code}). Check that the brokers are reachable and the principal may write to topic {_topic}.", ex);
        }
        catch (KafkaException ex)
        {
            throw new CheckpointStoreException($"Cannot write to {Description} at {_bootstrapServers}: {ex.Error.Reason} ({ex.Error.Code}).", ex);
        }
    }

    /// <summary>The request is a record under the key "{pipeline}.snapshot-request" in the checkpoint topic; accepted, it gets a tombstone.</summary>
    public async Task SendAsync(SnapshotRequest request, CancellationToken cancellationToken) =>
        await ProduceRequestAsync(SnapshotRequestCodec.Encode(_pipeline, request), "write a snapshot request to", cancellationToken).ConfigureAwait(false);

    public Task<SnapshotRequest?> ReceiveAsync(CancellationToken cancellationToken) => Task.Run(
        () =>
        {
            var value = LatestValue(RequestKey, cancellationToken);
            return value is null ? null : SnapshotRequestCodec.Decode(value, _pipeline, $"{Description} (key {_pipeline}.snapshot-request)");
        },
        cancellationToken);

    public async Task AcknowledgeAsync(SnapshotRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var current = await ReceiveAsync(cancellationToken).ConfigureAwait(false);
        if (current?.Id == request.Id)
        {
            await ProduceRequestAsync(null, "remove the snapshot request from", cancellationToken).ConfigureAwait(false);
        }
    }

    private byte[] RequestKey => Encoding.UTF8.GetBytes(_pipeline + ".snapshot-request");

    private async Task ProduceRequestAsync(byte[]? value, string operation, CancellationToken cancellationToken)
    {
        try
        {
            await Producer().ProduceAsync(_topic, new Message<byte[], byte[]> { Key = RequestKey, Value = value! }, cancellationToken).ConfigureAwait(false);
        }
        catch (ProduceException<byte[], byte[]> ex)
        {
            throw new CheckpointStoreException(
                $"Cannot {operation} {Description} at {_bootstrapServers}: {ex.Error.Reason} ({ex.Error.Code}). Check that the brokers are reachable and the principal may write to topic {_topic}.", ex);
        }
        catch (KafkaException ex)
        {
            throw new CheckpointStoreException($"Cannot {operation} {Description} at {_bootstrapServers}: {ex.Error.Reason} ({ex.Error.Code}).", ex);
        }
    }

    public void Dispose()
    {
        lock (_producerLock)
        {
            _producer?.Dispose();
            _producer = null;
            _writer?.Dispose();
            _writer = null;
        }
    }

    private void SaveInTransaction(IProducer<byte[], byte[]> writer, byte[] value, CancellationToken cancellationToken)
    {
        try
        {
            writer.BeginTransaction();
            writer.Produce(_topic, new Message<byte[], byte[]> { Key = _key, Value = value });
            writer.CommitTransaction(_timeout);
        }
        catch (KafkaException ex) when (IsFenced(ex.Error))
        {
            throw new WriterFencedException(
                $"Another cdc run took over pipeline '{_pipeline}' (it claimed transactional.id {TransactionalId} on {_bootstrapServers}), so this one may not write {Description} again "
                + $"and stops ({ex.Error.Reason}). Run one instance per pipeline.name; give a second pipeline its own name.", ex);
        }
        catch (KafkaException ex) when (ex.Error.IsFatal)
        {
            // A fatal error leaves the transactional producer unusable, and a new one would fence whoever else claimed.
            throw new WriterFencedException(
                $"The checkpoint writer of {Description} at {_bootstrapServers} failed fatally: {ex.Error.Reason} ({ex.Error.Code}); this instance stops. Restart it once the cause is fixed.", ex);
        }
        catch (KafkaException ex)
        {
            TryAbort(writer);
            throw new CheckpointStoreException($"Cannot save the checkpoint to {Description} at {_bootstrapServers}: {ex.Error.Reason} ({ex.Error.Code}). Check that the brokers are reachable and the topic is writable.", ex);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private static bool IsFenced(Error error) =>
        error.Code is ErrorCode.ProducerFenced or ErrorCode.InvalidProducerEpoch or ErrorCode.Local_Fenced
        || (error.IsFatal && error.Reason.Contains("fenced", StringComparison.OrdinalIgnoreCase));

    private void TryAbort(IProducer<byte[], byte[]> writer)
    {
        try
        {
            writer.AbortTransaction(_timeout);
        }
        catch (KafkaException)
        {
            // The next save's BeginTransaction reports what is still wrong.
        }
    }

    private StoredCheckpoint? Load(CancellationToken cancellationToken)
    {
        var latest = LatestValue(_key, cancellationToken);
        return latest is null ? null : CheckpointCodec.Decode(latest, _pipeline, _location);
    }

    /// <summary>The latest value of <paramref name="key"/> in the topic; null when there is none or it is a tombstone.</summary>
    private byte[]? LatestValue(byte[] key, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + _timeout;
        try
        {
            using var admin = new AdminClientBuilder(Configure(new AdminClientConfig()))
                .SetLogHandler((_, message) => OnLog(message))
                .SetErrorHandler((_, error) => OnError(error))
                .Build();
            // Metadata of all topics first: it proves the cluster is reachable and, unlike a request naming the topic,
            // does not make brokers with auto.create.topics.enable create it (with the delete policy).
            var cluster = admin.GetMetadata(Remaining(deadline));
            if (!cluster.Topics.Exists(t => t.Topic == _topic && t.Error.Code == ErrorCode.NoError))
            {
                CreateCompactedTopic(admin, deadline);
            }

            var partitions = Partitions(admin, deadline, cancellationToken);
            return partitions is null ? null : ReadLatest(partitions, key, deadline, cancellationToken);
        }
        catch (KafkaException ex)
        {
            throw Unreachable(ex.Error.Reason + " (" + ex.Error.Code + ")", ex);
        }
    }

    /// <summary>The topic's partitions, or null when the topic does not exist (then nothing was ever saved).</summary>
    private List<TopicPartition>? Partitions(IAdminClient admin, DateTime deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var metadata = admin.GetMetadata(_topic, Remaining(deadline));
            var topic = metadata.Topics.Find(t => t.Topic == _topic);
            if (topic is null || topic.Error.Code == ErrorCode.UnknownTopicOrPart)
            {
                return null;
            }

            // A topic being created or electing leaders answers LeaderNotAvailable for a moment: ask again.
            if (topic.Error.Code == ErrorCode.NoError && topic.Partitions.Count > 0 && topic.Partitions.TrueForAll(p => p.Leader >= 0))
            {
                return topic.Partitions.ConvertAll(p => new TopicPartition(_topic, p.PartitionId));
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw Unreachable($"its metadata kept answering {topic.Error.Reason} ({topic.Error.Code}) or partitions without a leader", null);
            }

            Thread.Sleep(100);
        }
    }

    private void CreateCompactedTopic(IAdminClient admin, DateTime deadline)
    {
        if (_topicChecked)
        {
            return;
        }

        var specification = new TopicSpecification
        {
            Name = _topic,
            // One partition: a checkpoint topic holds one small record per pipeline.
            NumPartitions = 1,
            ReplicationFactor = -1,
            Configs = new Dictionary<string, string>(StringComparer.Ordinal) { ["cleanup.policy"] = "compact" },
        };
        try
        {
            // At most half of what is left: the cluster answered metadata, so a creation that hangs (no controller, as
            // in librdkafka's mock) must leave time to read.
            var remaining = Remaining(deadline) / 2;
            admin.CreateTopicsAsync([specification], new CreateTopicsOptions { RequestTimeout = remaining, OperationTimeout = remaining })
                .GetAwaiter().GetResult();
            CheckpointLog.TopicCreated(_logger, _topic);
        }
        catch (CreateTopicsException ex) when (ex.Results.Count == 1 && ex.Results[0].Error.Code == ErrorCode.TopicAlreadyExists)
        {
            // The usual case after the first start: whoever created it chose its policy.
        }
        catch (CreateTopicsException ex)
        {
            var error = ex.Results.Count == 1 ? ex.Results[0].Error : ex.Error;
            CheckpointLog.CompactionNotSet(_logger, _topic, $"{error.Reason} ({error.Code})");
        }
        catch (KafkaException ex)
        {
            // librdkafka's mock cluster has no controller, so CreateTopics times out; brokers before 2.4 refuse the
            // default replication factor.
            CheckpointLog.CompactionNotSet(_logger, _topic, $"{ex.Error.Reason} ({ex.Error.Code})");
        }

        _topicChecked = true;
    }

    private byte[]? ReadLatest(List<TopicPartition> partitions, byte[] wanted, DateTime deadline, CancellationToken cancellationToken)
    {
        var config = Configure(new ConsumerConfig
        {
            GroupId = "cdc-checkpoint-reader",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            EnablePartitionEof = true,
            IsolationLevel = IsolationLevel.ReadCommitted,
        });
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config)
            .SetLogHandler((_, message) => OnLog(message))
            .SetErrorHandler((_, error) => OnError(error))
            .Build();
        var pending = new Dictionary<int, long>();
        var assignment = new List<TopicPartitionOffset>();
        foreach (var partition in partitions)
        {
            var watermarks = consumer.QueryWatermarkOffsets(partition, Remaining(deadline));
            if (watermarks.High > watermarks.Low)
            {
                pending[partition.Partition.Value] = watermarks.High.Value;
                assignment.Add(new TopicPartitionOffset(partition, watermarks.Low));
            }
        }

        if (pending.Count == 0)
        {
            return null;
        }

        consumer.Assign(assignment);
        byte[]? latest = null;
        var found = false;
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (DateTime.UtcNow >= deadline)
            {
                throw Unreachable($"reading stopped short of the end of {pending.Count} partition(s)", null);
            }

            var result = consumer.Consume(TimeSpan.FromMilliseconds(Math.Min(200, Remaining(deadline).TotalMilliseconds)));
            if (result is null)
            {
                continue;
            }

            var partition = result.Partition.Value;
            if (!result.IsPartitionEOF && result.Message.Key is { } key && key.AsSpan().SequenceEqual(wanted))
            {
                latest = result.Message.Value;
                found = true;
            }

            if (result.IsPartitionEOF || (pending.TryGetValue(partition, out var high) && result.Offset.Value + 1 >= high))
            {
                pending.Remove(partition);
            }
        }

        // A null value is a tombstone: the checkpoint (or request) was deleted on purpose.
        return found ? latest : null;
    }

    private IProducer<byte[], byte[]> Producer()
    {
        lock (_producerLock)
        {
            return _producer ??= new ProducerBuilder<byte[], byte[]>(Configure(new ProducerConfig
            {
                EnableIdempotence = true,
                Acks = Acks.All,
                LingerMs = 0,
                MessageTimeoutMs = (int)_timeout.TotalMilliseconds,
                RequestTimeoutMs = (int)_timeout.TotalMilliseconds,
                // Java's partitioner, so the record lands where any Kafka tool expects the key.
                Partitioner = Partitioner.Murmur2Random,
            }))
                .SetLogHandler((_, message) => OnLog(message))
                .SetErrorHandler((_, error) => OnError(error))
                .Build();
        }
    }

    /// <summary>librdkafka's lines through the store's logger, not librdkafka's own stderr; a broker failure once, by <see cref="OnError"/>.</summary>
    private void OnLog(LogMessage message)
    {
        var level = LibrdkafkaLog.LevelOf(message.Level);
        if (_logger.IsEnabled(level) && !LibrdkafkaLog.IsAlsoAnError(message))
        {
            CheckpointLog.Librdkafka(_logger, level, message.Facility, message.Name, message.Message);
        }
    }

    /// <summary>
    /// librdkafka retries a failed connection by itself, and what the store cannot do in time is its own error (the
    /// load's or the save's, naming the brokers and the reason): each failure is one debug line.
    /// </summary>
    private void OnError(Error error)
    {
        if (error.IsFatal)
        {
            CheckpointLog.ClientFatal(_logger, error.Code, error.Reason);
        }
        else
        {
            CheckpointLog.ClientError(_logger, error.Code, error.Reason);
        }
    }

    private T Configure<T>(T config)
        where T : ClientConfig
    {
        foreach (var (name, value) in _clientProperties)
        {
            config.Set(name, value);
        }

        config.BootstrapServers = _bootstrapServers;
        config.ClientId = "cdc-checkpoint-" + _pipeline;
        config.SocketTimeoutMs = (int)_timeout.TotalMilliseconds;
        config.LogConnectionClose = false;
        return config;
    }

    private static TimeSpan Remaining(DateTime deadline)
    {
        var left = deadline - DateTime.UtcNow;
        return left > TimeSpan.FromMilliseconds(1) ? left : TimeSpan.FromMilliseconds(1);
    }

    private CheckpointStoreException Unreachable(string problem, Exception? inner)
    {
        var message = $"Cannot load the checkpoint from {Description} at {_bootstrapServers} within {_timeout.TotalSeconds:0.#} s: {problem}. Check 'kafka.bootstrapServers' and that the brokers are up.";
        return inner is null ? new CheckpointStoreException(message) : new CheckpointStoreException(message, inner);
    }
}
