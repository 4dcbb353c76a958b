using System.Buffers.Binary;

namespace Cdc.Sandbox.MongoDb.Wire;

/// <summary>The 16-byte header every wire message starts with (all fields little-endian int32).</summary>
internal readonly record struct MessageHeader(int MessageLength, int RequestId, int ResponseTo, int OpCode)
{
    public static MessageHeader Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < WireLimits.HeaderLength)
        {
            throw new WireProtocolException($"A message header is {WireLimits.HeaderLength} bytes; only {bytes.Length} were given.");
        }

        var header = new MessageHeader(
            BinaryPrimitives.ReadInt32LittleEndian(bytes),
            BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]),
            BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]),
            BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]));
        if (header.MessageLength < WireLimits.HeaderLength)
        {
            throw new WireProtocolException($"messageLength {header.MessageLength} is smaller than the {WireLimits.HeaderLength}-byte header.");
        }

        if (header.MessageLength > WireLimits.MaxMessageSizeBytes)
        {
            throw new WireProtocolException(
                $"messageLength {header.MessageLength} exceeds maxMessageSizeBytes {WireLimits.MaxMessageSizeBytes} (request {header.RequestId}).");
        }

        return header;
    }

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, MessageLength);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], RequestId);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], ResponseTo);
        BinaryPrimitives.WriteInt32LittleEndian(destination[12..], OpCode);
    }
}
