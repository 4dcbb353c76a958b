using Cdc.Schemas.Bson;

namespace Cdc.Connector.Source;

/// <summary>
/// The cluster time a resume token stands for. A token's <c>_data</c> is a hex string whose first byte is the key-string
/// type tag 0x82 (a Timestamp), followed by its 4-byte seconds and 4-byte increment, big-endian; that holds for real
/// MongoDB and for the sandbox. Other shapes (older token formats) are "unknown", never guessed.
/// </summary>
internal static class ResumeTokenTime
{
    private const byte TimestampTag = 0x82;

    /// <summary>The cluster time in a resume token document (BSON); false when it holds none we can read.</summary>
    public static bool TryRead(ReadOnlySpan<byte> tokenDocument, out BsonTimestamp time)
    {
        time = default;
        if (tokenDocument.Length < 5)
        {
            return false;
        }

        try
        {
            var reader = new BsonReader(tokenDocument);
            while (reader.MoveNext())
            {
                if (reader.Current.Type == BsonType.String && reader.Current.NameEquals("_data"u8))
                {
                    return TryParseData(reader.Current.GetStringUtf8(), out time);
                }
            }
        }
        catch (BsonFormatException)
        {
            // Not a document we can read: the time is unknown.
        }

        return false;
    }

    /// <summary>The cluster time in a token's <c>_data</c> hex text (UTF-8); false for a zero time or another shape.</summary>
    public static bool TryParseData(ReadOnlySpan<byte> hex, out BsonTimestamp time)
    {
        time = default;
        if (hex.Length < 18 || !TryHexByte(hex[0], hex[1], out var tag) || tag != TimestampTag)
        {
            return false;
        }

        if (!TryReadUInt32(hex[2..10], out var seconds) || !TryReadUInt32(hex[10..18], out var increment))
        {
            return false;
        }

        // A zero time is no point in any real cluster's history (the sandbox uses it for "nothing seen yet").
        time = new BsonTimestamp(seconds, increment);
        return seconds != 0;
    }

    private static bool TryReadUInt32(ReadOnlySpan<byte> hex, out uint value)
    {
        value = 0;
        for (var i = 0; i < hex.Length; i += 2)
        {
            if (!TryHexByte(hex[i], hex[i + 1], out var b))
            {
                return false;
            }

            value = (value << 8) | b;
        }

        return true;
    }

    private static bool TryHexByte(byte high, byte low, out byte value)
    {
        var h = HexValue(high);
        var l = HexValue(low);
        value = (byte)((h << 4) | l);
        return h >= 0 && l >= 0;
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
