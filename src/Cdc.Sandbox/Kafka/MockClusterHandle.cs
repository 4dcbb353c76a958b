using Microsoft.Win32.SafeHandles;

namespace Cdc.Sandbox.Kafka;

/// <summary>
/// An <c>rd_kafka_mock_cluster_t</c>. It holds a reference on the <see cref="KafkaClientHandle"/> it lives in, so the
/// owner is destroyed only after the cluster, whatever order the two are disposed or finalized in: librdkafka aborts
/// the process if <c>rd_kafka_destroy</c> runs while a mock cluster created on that handle is alive.
/// </summary>
internal sealed class MockClusterHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private readonly KafkaClientHandle _owner;

    private MockClusterHandle(KafkaClientHandle owner)
        : base(ownsHandle: true) => _owner = owner;

    /// <summary>
    /// Creates the cluster on <paramref name="owner"/>; null when librdkafka reports it could not. (In 2.0.2 and 2.16 its own
    /// failure paths — a listener that cannot bind, a thread that cannot start — abort the process in an assertion of
    /// its cleanup code before returning null, so the null case is defence for other versions.)
    /// </summary>
    public static MockClusterHandle? Create(KafkaClientHandle owner, int brokerCount)
    {
        var handle = new MockClusterHandle(owner);
        var ownerReferenced = false;
        try
        {
            owner.DangerousAddRef(ref ownerReferenced);
            var cluster = LibRdKafka.rd_kafka_mock_cluster_new(owner, brokerCount);
            if (cluster == 0)
            {
                return null;
            }

            // From here ReleaseHandle owns the reference on the owner.
            handle.SetHandle(cluster);
            ownerReferenced = false;
            return handle;
        }
        finally
        {
            if (ownerReferenced)
            {
                owner.DangerousRelease();
                handle.SetHandleAsInvalid();
                handle.Dispose();
            }
        }
    }

    protected override bool ReleaseHandle()
    {
        // rd_kafka_mock_cluster_destroy stops and joins the mock thread, closing every client connection.
        LibRdKafka.rd_kafka_mock_cluster_destroy(handle);
        _owner.DangerousRelease();
        return true;
    }
}
