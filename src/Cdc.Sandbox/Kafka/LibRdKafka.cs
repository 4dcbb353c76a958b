using System.Runtime.InteropServices;

namespace Cdc.Sandbox.Kafka;

/// <summary>
/// The parts of librdkafka (the librdkafka.redist package's, 2.16) the embedded Kafka needs: a producer handle to own
/// the mock cluster, and the mock cluster API of <c>rdkafka_mock.h</c>. Signatures follow the 2.16 headers exactly.
/// <see cref="LibRdKafkaLoader"/> maps <see cref="LibraryName"/> to the package's file before the first call.
/// </summary>
/// <remarks>
/// Every <c>const char*</c> librdkafka returns is owned by librdkafka, so those come back as <see cref="nint"/> and are
/// copied with <see cref="Marshal.PtrToStringUTF8(nint)"/>: a <c>string</c> return would make the generated marshaller
/// free memory it does not own. <c>rd_kafka_resp_err_t</c> is a C enum, an <c>int</c> on every ABI .NET runs on.
/// The variadic <c>rd_kafka_mock_push_request_errors</c> and <c>rd_kafka_mock_broker_push_request_error_rtts</c> are
/// deliberately absent: .NET cannot call C varargs portably, and the former has the <c>_array</c> twin used here.
/// </remarks>
internal static partial class LibRdKafka
{
    /// <summary>The name the imports use; <see cref="LibRdKafkaLoader"/> resolves it to the package's file.</summary>
    public const string LibraryName = "librdkafka";

    public const int ProducerType = 0;

    public const int ConfOk = 0;

    /// <summary>Room for librdkafka's error strings (its own examples use 512).</summary>
    public const int ErrorStringSize = 512;

    [LibraryImport(LibraryName)]
    internal static partial nint rd_kafka_version_str();

    /// <summary>The version as 0xMMmmrrpp.</summary>
    [LibraryImport(LibraryName)]
    internal static partial int rd_kafka_version();

    [LibraryImport(LibraryName)]
    internal static partial nint rd_kafka_err2str(int err);

    [LibraryImport(LibraryName)]
    internal static partial nint rd_kafka_err2name(int err);

    /// <summary><c>void rd_kafka_get_err_descs(const struct rd_kafka_err_desc **errdescs, size_t *cntp)</c>.</summary>
    [LibraryImport(LibraryName)]
    internal static partial void rd_kafka_get_err_descs(out nint errdescs, out nuint count);

    [LibraryImport(LibraryName)]
    internal static partial nint rd_kafka_conf_new();

    [LibraryImport(LibraryName)]
    internal static partial void rd_kafka_conf_destroy(nint conf);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_conf_set(nint conf, string name, string value, [Out] byte[] errstr, nuint errstrSize);

    /// <summary>Takes ownership of <paramref name="conf"/> only when it succeeds (returns non-null).</summary>
    [LibraryImport(LibraryName)]
    internal static partial nint rd_kafka_new(int type, nint conf, [Out] byte[] errstr, nuint errstrSize);

    [LibraryImport(LibraryName)]
    internal static partial void rd_kafka_destroy(nint rk);

    /// <summary>Broker ids are 1..<paramref name="brokerCount"/>; returns null when a listener cannot be created.</summary>
    [LibraryImport(LibraryName)]
    internal static partial nint rd_kafka_mock_cluster_new(KafkaClientHandle rk, int brokerCount);

    /// <summary>Must run before <see cref="rd_kafka_destroy"/> of the owning handle: that one asserts (aborts the
    /// process) while a mock cluster created on it is still alive.</summary>
    [LibraryImport(LibraryName)]
    internal static partial void rd_kafka_mock_cluster_destroy(nint mcluster);

    [LibraryImport(LibraryName)]
    internal static partial nint rd_kafka_mock_cluster_bootstraps(MockClusterHandle mcluster);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_mock_topic_create(MockClusterHandle mcluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void rd_kafka_mock_topic_set_error(MockClusterHandle mcluster, string topic, int err);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_mock_partition_set_leader(MockClusterHandle mcluster, string topic, int partition, int brokerId);

    [LibraryImport(LibraryName)]
    internal static partial int rd_kafka_mock_broker_set_down(MockClusterHandle mcluster, int brokerId);

    [LibraryImport(LibraryName)]
    internal static partial int rd_kafka_mock_broker_set_up(MockClusterHandle mcluster, int brokerId);

    /// <summary>
    /// Changes the host and port the broker advertises in Metadata (and in the cluster's bootstraps string), not the
    /// port it listens on: what a TLS relay in front of the broker needs, so that clients come back to the relay.
    /// </summary>
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_mock_broker_set_host_port(MockClusterHandle mcluster, int brokerId, string host, int port);

    [LibraryImport(LibraryName)]
    internal static partial int rd_kafka_mock_broker_set_rtt(MockClusterHandle mcluster, int brokerId, int rttMs);

    [LibraryImport(LibraryName)]
    internal static partial void rd_kafka_mock_push_request_errors_array(MockClusterHandle mcluster, short apiKey, nuint count, ReadOnlySpan<int> errors);

    /// <summary>How long a consumer group waits for more members before its first rebalance (the mock's default is 3 s).</summary>
    [LibraryImport(LibraryName)]
    internal static partial void rd_kafka_mock_group_initial_rebalance_delay_ms(MockClusterHandle mcluster, int delayMs);

    [LibraryImport(LibraryName)]
    internal static partial void rd_kafka_mock_clear_request_errors(MockClusterHandle mcluster, short apiKey);
}
