using Cdc.Connector.Pipeline;

namespace Cdc.Connector.Tests.Pipeline;

public sealed class FramedPayloadBufferTrimTests
{
    [Fact]
    public void A_buffer_grown_past_the_retained_size_goes_back_to_its_initial_size()
    {
        var buffer = new FramedPayloadBuffer(4096);
        buffer.GetSpan(FramedPayloadBuffer.RetainedBytes + 1);
        buffer.Advance(FramedPayloadBuffer.RetainedBytes + 1);

        buffer.TrimAfterLargeRecord();

        Assert.Equal(4096, buffer.Capacity);
        Assert.Equal(0, buffer.PayloadLength);
    }

    [Fact]
    public void A_buffer_within_the_retained_size_keeps_its_array_and_is_emptied()
    {
        var buffer = new FramedPayloadBuffer(4096);
        buffer.GetSpan(100_000);
        buffer.Advance(100_000);
        var capacity = buffer.Capacity;

        buffer.TrimAfterLargeRecord();

        Assert.Equal(capacity, buffer.Capacity);
        Assert.Equal(0, buffer.PayloadLength);
    }
}
