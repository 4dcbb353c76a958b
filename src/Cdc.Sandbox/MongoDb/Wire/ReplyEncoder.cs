using System.Buffers.Binary;
using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Wire;

/// <summary>Encodes replies: OP_MSG with one kind-0 section (and a CRC-32C when the request carried one), or OP_REPLY.</summary>
internal static class ReplyEncoder
{
    public static byte[] EncodeOpMsg(int requestId, int responseTo, Doc reply, bool withChecksum)
    {
        var body = DocCodec.Write(reply);
        var length = WireLimits.HeaderLength + 4 + 1 + body.Length + (withChecksum ? 4 : 0);
        var message = new byte[length];
        new MessageHeader(length, requestId, responseTo, (int)WireOpCode.Msg).Write(message);
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(WireLimits.HeaderLength), withChecksum ? (uint)OpMsgFlags.ChecksumPresent : 0);
        message[WireLimits.HeaderLength + 4] = 0;
        body.CopyTo(message.AsSpan(WireLimits.HeaderLength + 5));
        if (withChecksum)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(length - 4), Crc32C.Compute(message.AsSpan(0, length - 4)));
        }

        return message;
    }

    public static byte[] EncodeOpReply(int requestId, int responseTo, Doc reply)
    {
        var body = DocCodec.Write(reply);
        const int FixedFields = 4 + 8 + 4 + 4;
        var length = WireLimits.HeaderLength + FixedFields + body.Length;
        var message = new byte[length];
        new MessageHeader(length, requestId, responseTo, (int)WireOpCode.Reply).Write(message);
        var fields = message.AsSpan(WireLimits.HeaderLength);
        BinaryPrimitives.WriteInt32LittleEndian(fields, 0); // responseFlags
        BinaryPrimitives.WriteInt64LittleEndian(fields[4..], 0); // cursorID
        BinaryPrimitives.WriteInt32LittleEndian(fields[12..], 0); // startingFrom
        BinaryPrimitives.WriteInt32LittleEndian(fields[16..], 1); // numberReturned
        body.CopyTo(fields[FixedFields..]);
        return message;
    }
}
