using System.Text;
using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Wire;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.ChangeStreams;

/// <summary>
/// What a server does with an encoded change event over 16 MB. Its limit is that of any BSON object it builds,
/// BSONObjMaxInternalSize (16 MiB + 16 KiB): without $changeStreamSplitLargeEvent a larger event fails the stream with
/// BSONObjectTooLarge (10334). With the stage, an event that with its resume token would pass 16 MiB + 8 KiB (the
/// stage's limit, leaving room in the reply) becomes fragments. As the manual describes, only top-level fields are
/// moved, never split, and the first fragment holds as many fields as fit: the fields other than _id go smallest first
/// (ties in event order) into fragments of at most that limit less one resume token, each fragment starting with its
/// own token as _id and splitEvent.
/// </summary>
internal static class ChangeEventSplitter
{
    /// <summary>BSONObjMaxInternalSize, which a server's BSONObj check names in its message.</summary>
    public const int MaxInternalBytes = WireLimits.MaxBsonObjectSize + (16 * 1024);

    /// <summary>The size an event with its resume token may have before the split stage cuts it.</summary>
    public const int MaxSplitEventBytes = MaxInternalBytes - (8 * 1024);

    /// <summary>A fragment's fixed part: length, terminator, the _id token and splitEvent {fragment: int, of: int}.</summary>
    private const int FragmentOverhead = 4 + 1 + (1 + 4 + ResumeToken.DocumentBsonSize) + (1 + 11 + 27);

    /// <summary>Fails as a server's getMore does when <paramref name="eventBson"/> is over the limit and is not split.</summary>
    public static void EnsureDeliverable(byte[] eventBson, ResumeToken token)
    {
        if (eventBson.Length > MaxInternalBytes)
        {
            throw new CommandException(
                ErrorCodes.BSONObjectTooLarge,
                FormattableString.Invariant($"BSONObj size: {eventBson.Length} (0x{eventBson.Length:X}) is invalid. Size must be between 0 and {MaxInternalBytes}(16MB) First element: _id: {{ _data: \"{token.ToHex()}\" }}"));
        }
    }

    /// <summary>True when a split stage cuts this event: it and its resume token would not fit the stage's limit.</summary>
    public static bool NeedsSplit(byte[] eventBson) => eventBson.Length + ResumeToken.DocumentBsonSize > MaxSplitEventBytes;

    /// <summary>The fragments of <paramref name="eventBson"/>, whose _id is <paramref name="token"/>, in delivery order.</summary>
    public static List<byte[]> Split(byte[] eventBson, ResumeToken token)
    {
        const int limit = MaxSplitEventBytes - ResumeToken.DocumentBsonSize;
        var fields = TopLevelFields(eventBson);

        // A stable sort: fields of one size keep the order the event had them in.
        var bySize = fields.OrderBy(field => field.ElementSize).ToList();
        var fragments = new List<List<Field>> { new() };
        var used = FragmentOverhead;
        foreach (var field in bySize)
        {
            if (FragmentOverhead + field.ElementSize > limit)
            {
                throw new CommandException(
                    ErrorCodes.BSONObjectTooLarge,
                    FormattableString.Invariant($"$changeStreamSplitLargeEvent cannot split the event {token.ToHex()}: its top-level field '{field.Name}' alone is {field.ElementSize} bytes, which with a fragment's _id and splitEvent exceeds the {limit}-byte fragment limit (fields are not split)"));
            }

            if (used + field.ElementSize > limit)
            {
                fragments.Add([]);
                used = FragmentOverhead;
            }

            fragments[^1].Add(field);
            used += field.ElementSize;
        }

        var result = new List<byte[]>(fragments.Count);
        for (var i = 0; i < fragments.Count; i++)
        {
            result.Add(WriteFragment(eventBson, token.ForFragment(i + 1, fragments.Count), i + 1, fragments.Count, fragments[i]));
        }

        return result;
    }

    private static byte[] WriteFragment(byte[] eventBson, ResumeToken token, int number, int of, List<Field> fields)
    {
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        writer.WriteStartDocument("_id");
        writer.WriteString("_data", token.ToHex());
        writer.WriteEndDocument();
        writer.WriteStartDocument("splitEvent");
        writer.WriteInt32("fragment", number);
        writer.WriteInt32("of", of);
        writer.WriteEndDocument();
        foreach (var field in fields)
        {
            writer.WriteRawValue(field.Name, field.Type, eventBson.AsSpan(field.ValueOffset, field.ValueLength));
        }

        writer.WriteEndDocument();
        return writer.ToArray();
    }

    private static List<Field> TopLevelFields(byte[] eventBson)
    {
        var fields = new List<Field>();
        var reader = new BsonReader(eventBson);
        while (reader.MoveNext())
        {
            var element = reader.Current;
            if (element.NameEquals("_id"u8))
            {
                continue;
            }

            fields.Add(new Field(
                Encoding.UTF8.GetString(element.Name),
                element.Type,
                element.ValueOffset,
                element.Value.Length,
                1 + element.Name.Length + 1 + element.Value.Length));
        }

        return fields;
    }

    private readonly record struct Field(string Name, BsonType Type, int ValueOffset, int ValueLength, int ElementSize);
}
