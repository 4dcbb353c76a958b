using Cdc.Connector.Source;
using Cdc.Schemas.Bson;

namespace Cdc.Connector.Observability;

/// <summary>
/// The cluster time a resume position stands for. A resume token's <c>_data</c> is a hex string whose first byte is
/// the key-string type tag 0x82 (a Timestamp), followed by its 4-byte seconds and 4-byte increment, big-endian; that
/// holds for real MongoDB and for the sandbox. Other shapes (older token formats) are "unknown", never guessed.
/// </summary>
internal static class ResumeTokenClock
{
    private const byte TimestampTag = 0x82;

    /// <summary>The seconds of the cluster time in a resume token document (BSON); false when it holds none we can read.</summary>
    public static bool TryGetSeconds(ReadOnlySpan<byte> tokenDocument, out uint seconds)
    {
        seconds = 0;
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
                    return TryParseData(reader.Current.GetStringUtf8(), out seconds);
                }
            }
        }
        catch (BsonFormatException)
        {
            // Not a document we can read: the time is unknown.
        }

        return false;
    }

    /// <summary>The seconds of the cluster time in a token's <c>_data</c> hex text (UTF-8).</summary>
    public static bool TryParseData(ReadOnlySpan<byte> hex, out uint seconds)
    {
        seconds = 0;
        if (hex.Length < 18 || !TryHexByte(hex[0], hex[1], out var tag) || tag != TimestampTag)
        {
            return false;
        }

        uint value = 0;
        for (var i = 2; i < 10; i += 2)
        {
            if (!TryHexByte(hex[i], hex[i + 1], out var b))
            {
                return false;
            }

            value = (value << 8) | b;
        }

        // A zero time is no point in any real cluster's history (the sandbox uses it for "nothing seen yet").
        seconds = value;
        return value != 0;
    }

    /// <summary>The cluster time of <paramref name="position"/> as Unix milliseconds, or null when it cannot be told.</summary>
    public static long? UnixMilliseconds(ResumePosition? position)
    {
        if (position is null)
        {
            return null;
        }

        if (position.OperationTime is { } time)
        {
            return time.Seconds * 1000L;
        }

        return TryGetSeconds(position.Token, out var seconds) ? seconds * 1000L : null;
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
