using Cdc.Schemas.Bson;

namespace Cdc.Schemas.Mapping;

/// <summary>
/// Reads <c>updateDescription</c>: locates updatedFields and disambiguatedPaths, and checks and counts the
/// removedFields and truncatedArrays arrays (Avro writes an array's count before its items).
/// </summary>
internal static class UpdateDescriptionScanner
{
    public static void Scan(BsonElement updateDescription, ref ChangeEventFields fields)
    {
        fields.HasUpdateDescription = true;
        var hasUpdatedFields = false;
        var reader = updateDescription.GetDocumentReader();
        while (reader.MoveNext())
        {
            var element = reader.Current;
            if (element.NameEquals("updatedFields"u8))
            {
                fields.UpdatedFields = ExpectDocument(element, "updatedFields");
                fields.UpdatedFieldsOffset = element.ValueOffset;
                hasUpdatedFields = true;
            }
            else if (element.NameEquals("removedFields"u8))
            {
                fields.RemovedFields = ExpectArray(element, "removedFields");
                fields.RemovedFieldCount = CountRemovedFields(element);
            }
            else if (element.NameEquals("truncatedArrays"u8))
            {
                fields.TruncatedArrays = ExpectArray(element, "truncatedArrays");
                fields.TruncatedArrayCount = CountTruncatedArrays(element);
            }
            else if (element.NameEquals("disambiguatedPaths"u8) && element.Type != BsonType.Null)
            {
                fields.DisambiguatedPaths = ExpectDocument(element, "disambiguatedPaths");
                fields.DisambiguatedPathsOffset = element.ValueOffset;
            }
        }

        if (!hasUpdatedFields)
        {
            throw new ChangeEventMappingException("updateDescription.updatedFields", "is missing.");
        }
    }

    private static int CountRemovedFields(BsonElement array)
    {
        var count = 0;
        var reader = array.GetDocumentReader();
        while (reader.MoveNext())
        {
            if (reader.Current.Type != BsonType.String)
            {
                throw new ChangeEventMappingException(
                    "updateDescription.removedFields", $"item {count} must be a string, found {reader.Current.Type}.");
            }

            count++;
        }

        return count;
    }

    private static int CountTruncatedArrays(BsonElement array)
    {
        var count = 0;
        var reader = array.GetDocumentReader();
        while (reader.MoveNext())
        {
            var item = reader.Current;
            if (item.Type != BsonType.Document)
            {
                throw new ChangeEventMappingException(
                    "updateDescription.truncatedArrays", $"item {count} must be a document {{field, newSize}}, found {item.Type}.");
            }

            ReadTruncatedArray(item, count, out _, out _);
            count++;
        }

        return count;
    }

    /// <summary>Reads one <c>{field: string, newSize: int}</c>; used both to check (scan) and to write.</summary>
    public static void ReadTruncatedArray(BsonElement item, int index, out ReadOnlySpan<byte> field, out int newSize)
    {
        field = default;
        newSize = 0;
        var hasField = false;
        var hasNewSize = false;
        var reader = item.GetDocumentReader();
        while (reader.MoveNext())
        {
            var element = reader.Current;
            if (element.NameEquals("field"u8))
            {
                field = element.Type == BsonType.String
                    ? element.GetStringUtf8()
                    : throw TruncatedProblem(index, $"field must be a string, found {element.Type}.");
                hasField = true;
            }
            else if (element.NameEquals("newSize"u8))
            {
                var size = element.Type switch
                {
                    BsonType.Int32 => element.GetInt32(),
                    BsonType.Int64 => element.GetInt64(),
                    _ => throw TruncatedProblem(index, $"newSize must be an integer, found {element.Type}."),
                };
                newSize = size is >= 0 and <= int.MaxValue
                    ? (int)size
                    : throw TruncatedProblem(index, $"newSize {size} is not a valid array size.");
                hasNewSize = true;
            }
        }

        if (!hasField || !hasNewSize)
        {
            throw TruncatedProblem(index, hasField ? "newSize is missing." : "field is missing.");
        }
    }

    private static ChangeEventMappingException TruncatedProblem(int index, string problem) =>
        new("updateDescription.truncatedArrays", $"item {index}: {problem}");

    private static ReadOnlySpan<byte> ExpectDocument(BsonElement element, string name) =>
        element.Type == BsonType.Document
            ? element.Value
            : throw new ChangeEventMappingException("updateDescription." + name, $"must be a document, found {element.Type}.");

    private static ReadOnlySpan<byte> ExpectArray(BsonElement element, string name) =>
        element.Type == BsonType.Array
            ? element.Value
            : throw new ChangeEventMappingException("updateDescription." + name, $"must be an array, found {element.Type}.");
}
