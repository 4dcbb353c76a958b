using System.Buffers.Binary;
using System.Text;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Wire;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>Builds raw wire messages byte by byte for tests, including deliberately broken ones.</summary>
internal static class WireMessages
{
    public static byte[] OpMsg(int requestId, Doc body, OpMsgFlags flags = OpMsgFlags.None, params (string Identifier, Doc[] Documents)[] sequences)
    {
        var payload = new List<byte>();
        payload.AddRange(BitConverter.GetBytes((uint)flags));
        payload.Add(0);
        payload.AddRange(DocCodec.Write(body));
        foreach (var (identifier, documents) in sequences)
        {
            var section = new List<byte>();
            section.AddRange(Encoding.UTF8.GetBytes(identifier));
            section.Add(0);
            foreach (var document in documents)
            {
                section.AddRange(DocCodec.Write(document));
            }

            payload.Add(1);
            payload.AddRange(BitConverter.GetBytes(section.Count + 4));
            payload.AddRange(section);
        }

        return Frame(requestId, WireOpCode.Msg, [.. payload], (flags & OpMsgFlags.ChecksumPresent) != 0);
    }

    public static byte[] OpQuery(int requestId, string fullCollectionName, Doc query)
    {
        var payload = new List<byte>();
        payload.AddRange(BitConverter.GetBytes(0));
        payload.AddRange(Encoding.UTF8.GetBytes(fullCollectionName));
        payload.Add(0);
        payload.AddRange(BitConverter.GetBytes(0));
        payload.AddRange(BitConverter.GetBytes(-1));
        payload.AddRange(DocCodec.Write(query));
        return Frame(requestId, WireOpCode.Query, [.. payload], withChecksum: false);
    }

    public static byte[] Frame(int requestId, WireOpCode opCode, byte[] payload, bool withChecksum)
    {
        var length = WireLimits.HeaderLength + payload.Length + (withChecksum ? 4 : 0);
        var message = new byte[length];
        new MessageHeader(length, requestId, 0, (int)opCode).Write(message);
        payload.CopyTo(message, WireLimits.HeaderLength);
        if (withChecksum)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(length - 4), Crc32C.Compute(message.AsSpan(0, length - 4)));
        }

        return message;
    }

    public static Doc Command(string name, object value, string database = "test")
    {
        var command = new Doc();
        command.Add(name, value switch
        {
            string text => DocValue.FromString(text),
            int number => DocValue.FromInt32(number),
            long number => DocValue.FromInt64(number),
            _ => throw new ArgumentException($"unsupported command value {value}", nameof(value)),
        });
        return command.Add("$db", database);
    }

    /// <summary>The reply body of an OP_MSG (single kind-0 section) or an OP_REPLY.</summary>
    public static Doc ReplyBody(byte[] message)
    {
        var header = MessageHeader.Read(message);
        if (header.OpCode == (int)WireOpCode.Reply)
        {
            return DocCodec.Read(message.AsSpan(WireLimits.HeaderLength + 20));
        }

        return OpMsgParser.Parse(message).Command;
    }
}
