using System.Buffers.Binary;
using System.Text;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Wire;

/// <summary>Parses a whole OP_MSG (header included) per the OP_MSG specification; every failure names the offset.</summary>
internal static class OpMsgParser
{
    private const uint RequiredBitsMask = 0xFFFF;
    private const uint KnownRequiredBits = (uint)(OpMsgFlags.ChecksumPresent | OpMsgFlags.MoreToCome);

    public static OpMsgRequest Parse(ReadOnlySpan<byte> message)
    {
        var header = MessageHeader.Read(message);
        if (header.OpCode != (int)WireOpCode.Msg)
        {
            throw new WireProtocolException($"opCode {header.OpCode} is not OP_MSG ({(int)WireOpCode.Msg}).");
        }

        if (header.MessageLength != message.Length)
        {
            throw new WireProtocolException($"messageLength {header.MessageLength} does not match the {message.Length} bytes received.");
        }

        if (message.Length < WireLimits.HeaderLength + 4)
        {
            throw new WireProtocolException($"OP_MSG of {message.Length} bytes is too short for its flagBits at offset 16.");
        }

        var flags = (OpMsgFlags)BinaryPrimitives.ReadUInt32LittleEndian(message[WireLimits.HeaderLength..]);
        var unknownRequired = (uint)flags & RequiredBitsMask & ~KnownRequiredBits;
        if (unknownRequired != 0)
        {
            throw new WireProtocolException($"OP_MSG flagBits 0x{(uint)flags:X8} set unknown required bits 0x{unknownRequired:X4}.");
        }

        var end = message.Length;
        if ((flags & OpMsgFlags.ChecksumPresent) != 0)
        {
            end -= 4;
            if (end < WireLimits.HeaderLength + 4)
            {
                throw new WireProtocolException("OP_MSG has checksumPresent set but no room for the 4-byte checksum.");
            }

            var expected = BinaryPrimitives.ReadUInt32LittleEndian(message[end..]);
            var actual = Crc32C.Compute(message[..end]);
            if (expected != actual)
            {
                throw new WireProtocolException($"OP_MSG checksum 0x{expected:X8} at offset {end} does not match the CRC-32C of the message, 0x{actual:X8}.");
            }
        }

        Doc? body = null;
        var sequences = new List<KeyValuePair<string, List<DocValue>>>();
        var position = WireLimits.HeaderLength + 4;
        while (position < end)
        {
            var kind = message[position];
            position++;
            switch (kind)
            {
                case 0:
                    if (body is not null)
                    {
                        throw new WireProtocolException($"OP_MSG has a second kind-0 body section at offset {position - 1}; exactly one is allowed.");
                    }

                    body = ReadDocument(message, ref position, end, "body section", WireLimits.MaxCommandBodySize);
                    break;
                case 1:
                    sequences.Add(ReadSequence(message, ref position, end));
                    break;
                default:
                    throw new WireProtocolException($"OP_MSG section kind {kind} at offset {position - 1} is unknown (only 0 and 1 exist).");
            }
        }

        if (body is null)
        {
            throw new WireProtocolException("OP_MSG has no kind-0 body section.");
        }

        foreach (var (identifier, documents) in sequences)
        {
            if (body.Contains(identifier))
            {
                throw new WireProtocolException($"OP_MSG document sequence '{identifier}' duplicates a field of the command body.");
            }

            body.Add(identifier, DocValue.FromArray(documents));
        }

        return new OpMsgRequest(header, flags, body);
    }

    private static KeyValuePair<string, List<DocValue>> ReadSequence(ReadOnlySpan<byte> message, ref int position, int end)
    {
        var start = position - 1;
        if (end - position < 4)
        {
            throw new WireProtocolException($"OP_MSG document sequence at offset {start} is cut off before its size.");
        }

        var size = BinaryPrimitives.ReadInt32LittleEndian(message[position..]);
        if (size < 5 || size > end - position)
        {
            throw new WireProtocolException($"OP_MSG document sequence at offset {start} declares size {size}, but {end - position} bytes remain.");
        }

        var sequenceEnd = position + size;
        position += 4;
        var nameLength = message[position..sequenceEnd].IndexOf((byte)0);
        if (nameLength < 0)
        {
            throw new WireProtocolException($"OP_MSG document sequence at offset {start} has no NUL-terminated identifier.");
        }

        var identifier = Encoding.UTF8.GetString(message.Slice(position, nameLength));
        position += nameLength + 1;
        var documents = new List<DocValue>();
        while (position < sequenceEnd)
        {
            documents.Add(DocValue.FromDocument(ReadDocument(message, ref position, sequenceEnd, $"document {documents.Count} of sequence '{identifier}'", WireLimits.MaxBsonObjectSize)));
        }

        return new(identifier, documents);
    }

    private static Doc ReadDocument(ReadOnlySpan<byte> message, ref int position, int end, string what, int maxSize)
    {
        if (end - position < 5)
        {
            throw new WireProtocolException($"OP_MSG {what} at offset {position} is cut off: {end - position} bytes remain.");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(message[position..]);
        if (length < 5 || length > end - position)
        {
            throw new WireProtocolException($"OP_MSG {what} at offset {position} declares length {length}, but {end - position} bytes remain.");
        }

        if (length > maxSize)
        {
            throw new WireProtocolException($"OP_MSG {what} at offset {position} is {length} bytes, over the limit of {maxSize}.");
        }

        try
        {
            var document = DocCodec.ReadDocument(new BsonReader(message.Slice(position, length), position));
            position += length;
            return document;
        }
        catch (BsonFormatException error)
        {
            throw new WireProtocolException($"OP_MSG {what} is not valid BSON at message offset {error.Offset}: {error.Problem}", error);
        }
    }
}
