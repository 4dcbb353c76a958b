namespace Cdc.Connector.Pipeline;

/// <summary>The key and value buffers the reading thread reuses for every event, across cycles.</summary>
internal sealed class PipelineBuffers
{
    public FramedPayloadBuffer Key { get; } = new(1024);

    public FramedPayloadBuffer Value { get; } = new(16 * 1024);
}
