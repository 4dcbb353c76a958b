using Microsoft.Win32.SafeHandles;

namespace Cdc.Sandbox.Kafka;

/// <summary>An <c>rd_kafka_t</c>; released with <c>rd_kafka_destroy</c>.</summary>
internal sealed class KafkaClientHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public KafkaClientHandle()
        : base(ownsHandle: true)
    {
    }

    public KafkaClientHandle(nint rk)
        : base(ownsHandle: true) => SetHandle(rk);

    protected override bool ReleaseHandle()
    {
        LibRdKafka.rd_kafka_destroy(handle);
        return true;
    }
}
