using Cdc.Schemas.Bson;

namespace Cdc.Bench.ChangeStream;

/// <summary>
/// Checks, without allocating, that a change event's raw BSON is the insert of the document with a given int32 _id
/// (the Node peer inserts _id 0…N-1 in order): how the C# readers prove they read the right events.
/// </summary>
internal static class InsertEventCheck
{
    private static ReadOnlySpan<byte> OperationType => "operationType"u8;

    private static ReadOnlySpan<byte> DocumentKey => "documentKey"u8;

    private static ReadOnlySpan<byte> Id => "_id"u8;

    public static void Require(ReadOnlySpan<byte> changeEvent, int expectedId)
    {
        var isInsert = false;
        int? id = null;
        var reader = new BsonReader(changeEvent);
        while (reader.MoveNext())
        {
            ref readonly var element = ref reader.CurrentByRef;
            if (element.NameEquals(OperationType))
            {
                isInsert = element.Type == BsonType.String && element.GetStringUtf8().SequenceEqual("insert"u8);
            }
            else if (element.NameEquals(DocumentKey) && element.Type == BsonType.Document)
            {
                var key = new BsonReader(element.Value);
                while (key.MoveNext())
                {
                    if (key.CurrentByRef.NameEquals(Id) && key.CurrentByRef.Type == BsonType.Int32)
                    {
                        id = key.CurrentByRef.GetInt32();
                    }
                }
            }
        }

        if (!isInsert || id != expectedId)
        {
            throw new InvalidOperationException(
                $"changestream: expected the insert of _id {expectedId}, read {(isInsert ? "an insert" : "another event")} with _id {id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} ({changeEvent.Length} bytes).");
        }
    }
}
