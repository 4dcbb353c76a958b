using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Cdc.Sandbox.Kafka;

/// <summary>
/// An embedded Kafka: librdkafka's mock cluster, a real Kafka-protocol server on 127.0.0.1 (one ephemeral port per
/// broker) running on librdkafka's own thread inside this process. Clients in any process reach it through
/// <see cref="BootstrapServers"/>; tests and the sandbox's control API inject faults through the methods here.
/// </summary>
/// <remarks>
/// Every control call is safe from any thread: librdkafka hands each one to the mock cluster's thread and waits for
/// it (request errors go under the cluster's lock). Calls after <see cref="Dispose"/> throw
/// <see cref="ObjectDisposedException"/>; a call racing with Dispose completes before the cluster is destroyed.
/// What the mock does not emulate is in docs/sandbox.md ("Kafka").
/// </remarks>
internal sealed class KafkaMockCluster : IDisposable
{
    public const int DefaultBrokerCount = 3;

    /// <summary>librdkafka's broker id meaning "every broker" for down/up and round-trip time.</summary>
    public const int AllBrokers = -1;

    /// <summary>For <see cref="SetPartitionLeader"/>: the partition has no leader.</summary>
    public const int NoLeader = -1;

    /// <summary>Each mock broker opens a listening socket and connections; keep the count sane.</summary>
    public const int MaxBrokerCount = 32;

    /// <summary>The mock allocates every partition up front; more than this is a mistake, not a test.</summary>
    public const int MaxPartitionCount = 1000;

    /// <summary>
    /// The mock keeps at most this many bytes of record batches per partition and drops the oldest batches beyond it
    /// (librdkafka 2.16, rdkafka_mock.c; not configurable). Consumers that fall further behind lose data silently.
    /// </summary>
    public const int MaxLogBytesPerPartition = 5 * 1024 * 1024;

    /// <summary>…and at most this many record batches (one per produce request and partition) per partition.</summary>
    public const int MaxLogBatchesPerPartition = 100_000;

    /// <summary>How long a broker going down may take to answer the connection that holds its port, beyond its round-trip time.</summary>
    private static readonly TimeSpan PortHoldAnswerTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Kafka's own limit on topic names.</summary>
    private const int MaxTopicNameLength = 249;

    private readonly KafkaClientHandle _owner;
    private readonly MockClusterHandle _cluster;
    private readonly string[] _endpoints;
    private readonly bool[] _brokerUp;
    private readonly int[] _roundTripTimeMs;
    private readonly Lock _stateLock = new();
    private readonly Lock _upDownLock = new();

    public KafkaMockCluster(int brokerCount = DefaultBrokerCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(brokerCount, MaxBrokerCount);
        LibraryVersion = LibRdKafkaLoader.EnsureLoaded();

        _owner = CreateOwner();
        MockClusterHandle? cluster;
        try
        {
            cluster = MockClusterHandle.Create(_owner, brokerCount);
        }
        catch
        {
            _owner.Dispose();
            throw;
        }

        if (cluster is null)
        {
            _owner.Dispose();
            throw new KafkaMockException(
                $"librdkafka could not create a mock cluster of {brokerCount} broker(s) (it could not open a listening socket on 127.0.0.1; see its log on stderr).");
        }

        _cluster = cluster;

        // A consumer group's first rebalance would wait 3 s for more members; tests and the demo have one consumer.
        LibRdKafka.rd_kafka_mock_group_initial_rebalance_delay_ms(_cluster, 0);
        BrokerCount = brokerCount;
        BootstrapServers = Marshal.PtrToStringUTF8(LibRdKafka.rd_kafka_mock_cluster_bootstraps(_cluster)) ?? string.Empty;
        _endpoints = BootstrapServers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (_endpoints.Length != brokerCount)
        {
            Dispose();
            throw new KafkaMockException($"librdkafka's mock cluster reported bootstrap servers '{BootstrapServers}' for {brokerCount} broker(s).");
        }

        _brokerUp = new bool[brokerCount];
        Array.Fill(_brokerUp, true);
        _roundTripTimeMs = new int[brokerCount];
    }

    public int BrokerCount { get; }

    /// <summary>"127.0.0.1:port,…", broker 1 first; the mock always binds the IPv4 loopback on ephemeral ports.</summary>
    public string BootstrapServers { get; }

    /// <summary>librdkafka's version string, e.g. "2.16.0".</summary>
    public string LibraryVersion { get; }

    /// <summary>Broker ids are 1..<see cref="BrokerCount"/>, as librdkafka numbers them.</summary>
    public IReadOnlyList<KafkaMockBrokerState> Brokers
    {
        get
        {
            lock (_stateLock)
            {
                var brokers = new KafkaMockBrokerState[BrokerCount];
                for (var i = 0; i < brokers.Length; i++)
                {
                    brokers[i] = new KafkaMockBrokerState(i + 1, _endpoints[i], _brokerUp[i], _roundTripTimeMs[i]);
                }

                return brokers;
            }
        }
    }

    /// <summary>
    /// Creates a topic (the mock has no CreateTopics API; clients auto-create topics with 4 partitions otherwise).
    /// The mock places min(3, brokers) replicas on every partition whatever <paramref name="replicationFactor"/> says;
    /// it is still checked as Kafka would (1..brokers) so a caller's mistake does not pass silently.
    /// </summary>
    public void CreateTopic(string name, int partitions, int replicationFactor = 1)
    {
        ValidateTopicName(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(partitions, MaxPartitionCount);
        if (replicationFactor < 1 || replicationFactor > BrokerCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(replicationFactor), replicationFactor, $"The replication factor must be 1..{BrokerCount}, the number of brokers.");
        }

        Check($"Creating topic '{name}'", LibRdKafka.rd_kafka_mock_topic_create(_cluster, name, partitions, replicationFactor));
    }

    /// <summary>
    /// Moves a partition's leadership (<see cref="NoLeader"/> makes it leaderless). As in librdkafka, a topic that does
    /// not exist yet is created with <paramref name="partition"/> + 1 partitions.
    /// </summary>
    public void SetPartitionLeader(string topic, int partition, int brokerId)
    {
        ValidateTopicName(topic);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerId, NoLeader);
        Check(
            $"Setting the leader of '{topic}' [{partition}] to broker {brokerId}",
            LibRdKafka.rd_kafka_mock_partition_set_leader(_cluster, topic, partition, brokerId));
    }

    /// <summary>
    /// Closes the broker's connections and listener; it refuses connections until <see cref="SetBrokerUp"/>, which
    /// reopens the same port. Leadership does not move (the mock has no controller).
    /// </summary>
    public void SetBrokerDown(int brokerId) => SetBrokerUpDown(brokerId, up: false);

    public void SetBrokerUp(int brokerId) => SetBrokerUpDown(brokerId, up: true);

    /// <summary>
    /// Makes the broker advertise <paramref name="host"/>:<paramref name="port"/> in Metadata instead of its own
    /// listener, which keeps its port: for a relay in front of it (<see cref="KafkaTlsRelays"/>). Clients that learn
    /// the brokers from Metadata then connect to that address only. <see cref="Brokers"/> keeps the listeners' endpoints.
    /// </summary>
    public void AdvertiseBroker(int brokerId, string host, int port)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerId, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(brokerId, BrokerCount);
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        ObjectDisposedException.ThrowIf(_cluster.IsClosed, this);
        Check(
            $"Advertising {host}:{port} for {BrokerName(brokerId)}",
            LibRdKafka.rd_kafka_mock_broker_set_host_port(_cluster, brokerId, host, port));
    }

    /// <summary>Delays every response of the broker (or <see cref="AllBrokers"/>) by <paramref name="milliseconds"/>; 0 ends it.</summary>
    public void SetRoundTripTime(int brokerId, int milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(milliseconds, (int)TimeSpan.FromMinutes(10).TotalMilliseconds);
        Check(
            $"Setting the round-trip time of {BrokerName(brokerId)} to {milliseconds} ms",
            LibRdKafka.rd_kafka_mock_broker_set_rtt(_cluster, brokerId, milliseconds));
        Record(brokerId, i => _roundTripTimeMs[i] = milliseconds);
    }

    /// <summary>
    /// Makes the next <paramref name="errors"/>.Length requests of <paramref name="apiKey"/>, to any broker from any
    /// client, fail with these errors in order (<see cref="KafkaErrorCode.NoError"/> lets one through;
    /// <see cref="KafkaErrorCode.Transport"/> drops the connection instead of answering). Pushes add to what is queued.
    /// </summary>
    public void PushRequestErrors(KafkaApiKey apiKey, params ReadOnlySpan<KafkaErrorCode> errors)
    {
        ValidateApiKey(apiKey);
        if (errors.IsEmpty)
        {
            throw new ArgumentException("At least one error is needed.", nameof(errors));
        }

        Span<int> codes = errors.Length <= 64 ? stackalloc int[errors.Length] : new int[errors.Length];
        for (var i = 0; i < errors.Length; i++)
        {
            if (!errors[i].IsKnown)
            {
                throw new ArgumentException($"Error {i} ({errors[i].Code}) is not an error code librdkafka knows.", nameof(errors));
            }

            codes[i] = errors[i].Code;
        }

        LibRdKafka.rd_kafka_mock_push_request_errors_array(_cluster, (short)apiKey, (nuint)codes.Length, codes);
    }

    /// <summary>Drops the errors still queued for <paramref name="apiKey"/>.</summary>
    public void ClearRequestErrors(KafkaApiKey apiKey)
    {
        ValidateApiKey(apiKey);
        LibRdKafka.rd_kafka_mock_clear_request_errors(_cluster, (short)apiKey);
    }

    /// <summary>
    /// Makes Metadata requests report <paramref name="error"/> for the topic (the mock consults it only there and in
    /// AddPartitionsToTxn) until set back to <see cref="KafkaErrorCode.NoError"/>. Creates the topic if absent.
    /// </summary>
    public void SetTopicError(string topic, KafkaErrorCode error)
    {
        ValidateTopicName(topic);
        if (!error.IsKnown)
        {
            throw new ArgumentException($"{error.Code} is not an error code librdkafka knows.", nameof(error));
        }

        LibRdKafka.rd_kafka_mock_topic_set_error(_cluster, topic, error.Code);
    }

    public void Dispose()
    {
        // The cluster holds a reference on its owner, so the owner's rd_kafka_destroy runs after the cluster is gone.
        _cluster.Dispose();
        _owner.Dispose();
    }

    private static KafkaClientHandle CreateOwner()
    {
        var errors = new byte[LibRdKafka.ErrorStringSize];
        var conf = LibRdKafka.rd_kafka_conf_new();
        try
        {
            // A producer with no bootstrap.servers: it never connects anywhere, so it cannot consume request
            // errors pushed for the clients under test (the test.mock.num.brokers way would point it at the mock).
            Set(conf, "client.id", "cdc-sandbox-kafka-mock", errors);
            // Warnings and errors only: the mock logs every connection at lower levels.
            Set(conf, "log_level", "4", errors);

            var rk = LibRdKafka.rd_kafka_new(LibRdKafka.ProducerType, conf, errors, (nuint)errors.Length);
            if (rk == 0)
            {
                throw new KafkaMockException($"librdkafka could not create the handle that owns the mock cluster: {ErrorText(errors)}");
            }

            conf = 0; // rd_kafka_new owns it now.
            return new KafkaClientHandle(rk);
        }
        finally
        {
            if (conf != 0)
            {
                LibRdKafka.rd_kafka_conf_destroy(conf);
            }
        }
    }

    private static void Set(nint conf, string name, string value, byte[] errors)
    {
        if (LibRdKafka.rd_kafka_conf_set(conf, name, value, errors, (nuint)errors.Length) != LibRdKafka.ConfOk)
        {
            throw new KafkaMockException($"librdkafka rejected {name}={value}: {ErrorText(errors)}");
        }
    }

    private static string ErrorText(byte[] errors)
    {
        var length = Array.IndexOf(errors, (byte)0);
        return Encoding.UTF8.GetString(errors, 0, length < 0 ? errors.Length : length);
    }

    private static void ValidateTopicName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Length > MaxTopicNameLength || name is "." or "..")
        {
            throw new ArgumentException($"'{name}' is not a legal Kafka topic name (1..{MaxTopicNameLength} characters, not '.' or '..').", nameof(name));
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                throw new ArgumentException($"Topic name '{name}' has '{c}'; Kafka allows only ASCII letters, digits, '.', '_' and '-'.", nameof(name));
            }
        }
    }

    private static void ValidateApiKey(KafkaApiKey apiKey)
    {
        if (!Enum.IsDefined(apiKey))
        {
            throw new ArgumentOutOfRangeException(
                nameof(apiKey), apiKey, $"librdkafka's mock broker does not implement the request with ApiKey {(short)apiKey}, so it would never see the errors.");
        }
    }

    private static string BrokerName(int brokerId) =>
        brokerId == AllBrokers ? "every broker" : "broker " + brokerId.ToString(CultureInfo.InvariantCulture);

    private void SetBrokerUpDown(int brokerId, bool up)
    {
        // One change at a time, so that _brokerUp says which brokers a set-down must hold the port of.
        lock (_upDownLock)
        {
            ObjectDisposedException.ThrowIf(_cluster.IsClosed, this);
            var holds = up ? [] : HoldPortsOfBrokersGoingDown(brokerId);
            try
            {
                var result = up
                    ? LibRdKafka.rd_kafka_mock_broker_set_up(_cluster, brokerId)
                    : LibRdKafka.rd_kafka_mock_broker_set_down(_cluster, brokerId);
                Check($"Setting {BrokerName(brokerId)} {(up ? "up" : "down")}", result);
                Record(brokerId, i => _brokerUp[i] = up);
            }
            finally
            {
                foreach (var hold in holds)
                {
                    hold?.Dispose();
                }
            }
        }
    }

    /// <summary>A connection to each broker that is about to go down (see <see cref="KafkaBrokerPortHold"/> for why).</summary>
    private KafkaBrokerPortHold?[] HoldPortsOfBrokersGoingDown(int brokerId)
    {
        if (brokerId != AllBrokers && (brokerId < 1 || brokerId > BrokerCount))
        {
            return []; // librdkafka refuses it with its own error, which Check reports.
        }

        var brokers = Brokers.Where(b => b.IsUp && (brokerId == AllBrokers || b.Id == brokerId)).ToArray();
        var holds = new KafkaBrokerPortHold?[brokers.Length];
        try
        {
            for (var i = 0; i < brokers.Length; i++)
            {
                // A round-trip time set on the broker delays its answer too.
                var answerTimeout = PortHoldAnswerTimeout + TimeSpan.FromMilliseconds(brokers[i].RoundTripTimeMs);
                holds[i] = KafkaBrokerPortHold.Open(brokers[i].Id, brokers[i].Endpoint, answerTimeout);
            }

            return holds;
        }
        catch
        {
            foreach (var hold in holds)
            {
                hold?.Dispose();
            }

            throw;
        }
    }

    private void Record(int brokerId, Action<int> update)
    {
        lock (_stateLock)
        {
            if (brokerId == AllBrokers)
            {
                for (var i = 0; i < BrokerCount; i++)
                {
                    update(i);
                }
            }
            else
            {
                update(brokerId - 1);
            }
        }
    }

    private void Check(string operation, int result)
    {
        if (result == KafkaErrorCode.NoError.Code)
        {
            return;
        }

        var error = new KafkaErrorCode(result);
        var hint = error == KafkaErrorCode.BrokerNotAvailable ? $"; the brokers are 1..{BrokerCount}" : string.Empty;
        throw new KafkaMockException($"{operation} failed: {error.Description} ({error.Name}){hint}.", error);
    }
}
