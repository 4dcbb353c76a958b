using System.Buffers.Binary;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Wire;

/// <summary>
/// Encodes one connection's replies: OP_MSG with one kind-0 section (and a CRC-32C when the request carried one), or
/// OP_REPLY. A reply is valid until the connection's next one: the writer and the message buffer are kept and reused,
/// because a cursor batch is megabytes (up to 16 MiB of documents, then more than 16 MiB with its framing) and a fresh
/// pair of arrays per reply (the writer's doubling buffers, its copy, the message) went to the large object heap: on a
/// sandbox holding gigabytes of documents that set off a background gen2 collection every few hundred replies, costing
/// more CPU than serving the documents did (measured with `./cdc bench snapshot`, docs/benchmarks.md). A buffer grown past
/// <see cref="RetainedBytes"/> is let go after its reply, so an idle connection never holds more than that.
/// </summary>
internal sealed class ReplyEncoder
{
    /// <summary>The most a connection keeps between replies (each of its two buffers): a full 16 MiB batch fits.</summary>
    private const int RetainedBytes = 32 * 1024 * 1024;

    private BsonWriter _writer = new();
    private byte[] _message = [];

    public ReadOnlyMemory<byte> EncodeOpMsg(int requestId, int responseTo, Doc reply, bool withChecksum)
    {
        var body = Body(reply);
        var length = WireLimits.HeaderLength + 4 + 1 + body.Length + (withChecksum ? 4 : 0);
        var message = Message(length);
        new MessageHeader(length, requestId, responseTo, (int)WireOpCode.Msg).Write(message);
        BinaryPrimitives.WriteUInt32LittleEndian(message[WireLimits.HeaderLength..], withChecksum ? (uint)OpMsgFlags.ChecksumPresent : 0);
        message[WireLimits.HeaderLength + 4] = 0;
        body.CopyTo(message[(WireLimits.HeaderLength + 5)..]);
        if (withChecksum)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(message[(length - 4)..], Crc32C.Compute(message[..(length - 4)]));
        }

        return Finish(length);
    }

    public ReadOnlyMemory<byte> EncodeOpReply(int requestId, int responseTo, Doc reply)
    {
        var body = Body(reply);
        const int FixedFields = 4 + 8 + 4 + 4;
        var length = WireLimits.HeaderLength + FixedFields + body.Length;
        var message = Message(length);
        new MessageHeader(length, requestId, responseTo, (int)WireOpCode.Reply).Write(message);
        var fields = message[WireLimits.HeaderLength..];
        BinaryPrimitives.WriteInt32LittleEndian(fields, 0); // responseFlags
        BinaryPrimitives.WriteInt64LittleEndian(fields[4..], 0); // cursorID
        BinaryPrimitives.WriteInt32LittleEndian(fields[12..], 0); // startingFrom
        BinaryPrimitives.WriteInt32LittleEndian(fields[16..], 1); // numberReturned
        body.CopyTo(fields[FixedFields..]);
        return Finish(length);
    }

    private ReadOnlySpan<byte> Body(Doc reply)
    {
        _writer.Reset();
        _writer.WriteStartDocument();
        DocCodec.WriteFields(_writer, reply);
        _writer.WriteEndDocument();
        return _writer.WrittenSpan;
    }

    private Span<byte> Message(int length)
    {
        if (_message.Length < length)
        {
            _message = new byte[Math.Max(length, Math.Min(2 * _message.Length, RetainedBytes))];
        }

        return _message.AsSpan(0, length);
    }

    /// <summary>The encoded message; drops the buffers that grew past what a connection keeps (after the copy the caller sends).</summary>
    private ReadOnlyMemory<byte> Finish(int length)
    {
        var encoded = _message.AsMemory(0, length);
        if (_writer.WrittenSpan.Length > RetainedBytes)
        {
            _writer = new BsonWriter();
        }

        if (_message.Length > RetainedBytes)
        {
            _message = [];
        }

        return encoded;
    }
}
