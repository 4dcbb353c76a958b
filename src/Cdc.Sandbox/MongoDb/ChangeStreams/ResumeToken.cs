using System.Buffers.Binary;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.ChangeStreams;

/// <summary>
/// A change stream position, sent as <c>{_data: "hex"}</c> like a server's. The bytes are big-endian
/// [version 0x82][cluster time seconds][increment][oplog sequence][kind][fragment][of][checksum], so comparing the hex
/// strings orders tokens as the events they mark; the checksum (sum of the other bytes) makes a corrupted token
/// detectable. For an event, <see cref="Sequence"/> is its oplog entry; for a high-water mark it is the first entry not
/// yet read. <see cref="Fragment"/> and <see cref="FragmentCount"/> are 0, or for one fragment of an event that
/// $changeStreamSplitLargeEvent split, its number from 1 and the event's number of fragments (so a fragment's token
/// sorts after the whole event's and before the next fragment's, and a resume can tell whether it split the same way).
/// </summary>
internal readonly record struct ResumeToken(BsonTimestamp ClusterTime, long Sequence, ResumeTokenKind Kind, int Fragment = 0, int FragmentCount = 0)
{
    private const byte Version = 0x82;
    private const int ByteLength = 21;

    /// <summary>The BSON size of <see cref="ToDocument"/>: {_data: 42 hex digits}.</summary>
    public const int DocumentBsonSize = 4 + 1 + 6 + 4 + (ByteLength * 2) + 1 + 1;

    /// <summary>This event's token for its fragment <paramref name="fragment"/> (from 1) of <paramref name="of"/>.</summary>
    public ResumeToken ForFragment(int fragment, int of) => this with { Fragment = fragment, FragmentCount = of };

    public string ToHex()
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        bytes[0] = Version;
        BinaryPrimitives.WriteUInt32BigEndian(bytes[1..], ClusterTime.Seconds);
        BinaryPrimitives.WriteUInt32BigEndian(bytes[5..], ClusterTime.Increment);
        BinaryPrimitives.WriteInt64BigEndian(bytes[9..], Sequence);
        bytes[17] = (byte)Kind;
        bytes[18] = checked((byte)Fragment);
        bytes[19] = checked((byte)FragmentCount);
        bytes[20] = Checksum(bytes[..20]);
        return Convert.ToHexString(bytes);
    }

    public Doc ToDocument() => new Doc().Add("_data", ToHex());

    /// <summary>Parses a token document as a client sends it back; a wrong shape gives a message saying what is wrong.</summary>
    public static bool TryParse(DocValue? value, out ResumeToken token, out string problem)
    {
        token = default;
        if (value is null || !value.IsDocument || value.HasRawBson)
        {
            problem = "the resume token must be a document";
            return false;
        }

        if (value.Document.Count != 1 || value.Document["_data"] is not { Type: BsonType.String } data)
        {
            problem = $"the resume token must be {{_data: <hex string>}}, not {value}";
            return false;
        }

        return TryParseHex(data.String, out token, out problem);
    }

    public static bool TryParseHex(string hex, out ResumeToken token, out string problem)
    {
        token = default;
        Span<byte> bytes = stackalloc byte[ByteLength];
        if (hex.Length != ByteLength * 2 || Convert.FromHexString(hex, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != ByteLength)
        {
            problem = $"the resume token's _data '{hex}' is not a {ByteLength * 2}-digit hex string issued by this server";
            return false;
        }

        if (bytes[0] != Version || bytes[17] > (byte)ResumeTokenKind.Invalidate || bytes[20] != Checksum(bytes[..20]) || !FragmentFieldsValid(bytes[17], bytes[18], bytes[19]))
        {
            problem = $"the resume token's _data '{hex}' is corrupted (wrong version, kind, fragment or checksum)";
            return false;
        }

        var sequence = BinaryPrimitives.ReadInt64BigEndian(bytes[9..]);
        if (sequence < 0)
        {
            problem = $"the resume token's _data '{hex}' names a negative oplog position";
            return false;
        }

        token = new ResumeToken(
            new BsonTimestamp(BinaryPrimitives.ReadUInt32BigEndian(bytes[1..]), BinaryPrimitives.ReadUInt32BigEndian(bytes[5..])),
            sequence,
            (ResumeTokenKind)bytes[17],
            bytes[18],
            bytes[19]);
        problem = string.Empty;
        return true;
    }

    /// <summary>Whole tokens have neither; a fragment's is an event's, numbered within its count.</summary>
    private static bool FragmentFieldsValid(byte kind, byte fragment, byte of) =>
        fragment == 0 ? of == 0 : kind == (byte)ResumeTokenKind.Event && fragment <= of;

    private static byte Checksum(ReadOnlySpan<byte> bytes)
    {
        byte sum = 0x5A;
        foreach (var b in bytes)
        {
            sum = (byte)((sum * 31) + b);
        }

        return sum;
    }
}
