namespace Cdc.Connector.MongoDb;

/// <summary>
/// What a collection's validator gives the typed schema (docs/typed-values.md, "Where a namespace's schema comes
/// from"): the <c>$jsonSchema</c> document as raw BSON, or none with the reason (no validator, a validator whose
/// <c>$jsonSchema</c> documents need not match, a listCollections the server refused), which the caller logs before it
/// falls back to inference.
/// </summary>
internal sealed class CollectionValidator
{
    private CollectionValidator(string database, string collection, byte[]? jsonSchema, string? reason, bool readFailed)
    {
        Database = database;
        Collection = collection;
        JsonSchema = jsonSchema;
        Reason = reason;
        ReadFailed = readFailed;
    }

    public string Database { get; }

    public string Collection { get; }

    /// <summary>"db.coll".</summary>
    public string Namespace => $"{Database}.{Collection}";

    /// <summary>The <c>$jsonSchema</c> every document of the collection must match, as BSON; null when there is none to use.</summary>
    public byte[]? JsonSchema { get; }

    /// <summary>Why <see cref="JsonSchema"/> is null; null when it is set.</summary>
    public string? Reason { get; }

    /// <summary>True when the validator could not be read at all (the server refused listCollections), as opposed to there being none.</summary>
    public bool ReadFailed { get; }

    public static CollectionValidator WithJsonSchema(string database, string collection, byte[] jsonSchema) =>
        new(database, collection, jsonSchema, null, readFailed: false);

    public static CollectionValidator Without(string database, string collection, string reason) =>
        new(database, collection, null, reason, readFailed: false);

    public static CollectionValidator Unreadable(string database, string collection, string reason) =>
        new(database, collection, null, reason, readFailed: true);

    public override string ToString() => JsonSchema is null ? $"{Namespace}: no $jsonSchema ({Reason})" : $"{Namespace}: $jsonSchema of {JsonSchema.Length} bytes";
}
