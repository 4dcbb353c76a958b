using System.Buffers.Binary;
using System.Text;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Wire;

/// <summary>Parses a legacy OP_QUERY (header included): flags, fullCollectionName, skip, return, query document.</summary>
internal static class OpQueryParser
{
    public static OpQueryRequest Parse(ReadOnlySpan<byte> message)
    {
        var header = MessageHeader.Read(message);
        if (header.OpCode != (int)WireOpCode.Query)
        {
            throw new WireProtocolException($"opCode {header.OpCode} is not OP_QUERY ({(int)WireOpCode.Query}).");
        }

        if (header.MessageLength != message.Length)
        {
            throw new WireProtocolException($"messageLength {header.MessageLength} does not match the {message.Length} bytes received.");
        }

        var position = WireLimits.HeaderLength;
        if (message.Length - position < 4)
        {
            throw new WireProtocolException("OP_QUERY is cut off before its flags at offset 16.");
        }

        var flags = BinaryPrimitives.ReadInt32LittleEndian(message[position..]);
        position += 4;
        var nameLength = message[position..].IndexOf((byte)0);
        if (nameLength < 0)
        {
            throw new WireProtocolException($"OP_QUERY fullCollectionName at offset {position} is not NUL-terminated.");
        }

        var fullCollectionName = Encoding.UTF8.GetString(message.Slice(position, nameLength));
        if (!fullCollectionName.Contains('.', StringComparison.Ordinal))
        {
            throw new WireProtocolException($"OP_QUERY fullCollectionName '{fullCollectionName}' is not of the form <db>.<collection>.");
        }

        position += nameLength + 1;
        if (message.Length - position < 8 + 5)
        {
            throw new WireProtocolException($"OP_QUERY is cut off at offset {position}, before numberToSkip, numberToReturn and the query.");
        }

        var skip = BinaryPrimitives.ReadInt32LittleEndian(message[position..]);
        var toReturn = BinaryPrimitives.ReadInt32LittleEndian(message[(position + 4)..]);
        position += 8;
        var length = BinaryPrimitives.ReadInt32LittleEndian(message[position..]);
        if (length < 5 || length > message.Length - position)
        {
            throw new WireProtocolException($"OP_QUERY query document at offset {position} declares length {length}, but {message.Length - position} bytes remain.");
        }

        try
        {
            // A returnFieldsSelector may follow; commands ignore it.
            var query = DocCodec.ReadDocument(new BsonReader(message.Slice(position, length), position));
            return new OpQueryRequest(header, flags, fullCollectionName, skip, toReturn, query);
        }
        catch (BsonFormatException error)
        {
            throw new WireProtocolException($"OP_QUERY query document is not valid BSON at message offset {error.Offset}: {error.Problem}", error);
        }
    }
}
