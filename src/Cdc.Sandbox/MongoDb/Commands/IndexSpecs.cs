using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Storage;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>Index spec validation and comparison with mongod's rules and error codes for createIndexes/dropIndexes.</summary>
internal static class IndexSpecs
{
    public const string IdIndexName = "_id_";

    public static Doc IdIndex() => new Doc().Add("v", 2).Add("key", new Doc().Add("_id", 1)).Add("name", IdIndexName);

    /// <summary>The stored form of a requested spec: {v: 2, key, name, options in request order}.</summary>
    public static Doc Normalize(DocValue requested, int position)
    {
        if (!requested.IsDocument)
        {
            throw new CommandException(ErrorCodes.TypeMismatch, $"indexes.{position} is the wrong type '{CommandArguments.TypeName(requested)}', expected type 'object'");
        }

        var spec = requested.Document;
        var key = spec["key"] is { IsDocument: true } keyValue
            ? keyValue.Document
            : throw new CommandException(ErrorCodes.FailedToParse, $"The 'key' field is a required property of an index specification (indexes.{position})");
        if (key.Count == 0)
        {
            throw new CommandException(ErrorCodes.CannotCreateIndex, $"Index keys cannot be empty (indexes.{position})");
        }

        foreach (var (field, direction) in key.Fields)
        {
            var valid = direction.Type switch
            {
                BsonType.Int32 or BsonType.Int64 or BsonType.Double => direction.ToDouble() != 0,
                BsonType.String => direction.String is "text" or "2d" or "2dsphere" or "hashed" or "wildcard",
                _ => false,
            };
            if (!valid || field.Length == 0)
            {
                throw new CommandException(ErrorCodes.CannotCreateIndex, $"Values in the index key pattern can contain only non-zero numbers or the strings \"text\", \"2d\", \"2dsphere\", \"hashed\" or \"wildcard\"; bad field '{field}' in indexes.{position}");
            }
        }

        var name = spec["name"] is { Type: BsonType.String } nameValue && nameValue.String.Length > 0
            ? nameValue.String
            : throw new CommandException(ErrorCodes.FailedToParse, $"The 'name' field is a required property of an index specification (indexes.{position})");
        if (spec["v"] is { } version && CommandArguments.AsInteger(version, "v") is not 2)
        {
            throw new CommandException(ErrorCodes.CannotCreateIndex, $"Invalid index specification: the sandbox builds only v: 2 indexes (indexes.{position})");
        }

        var normalized = new Doc().Add("v", 2).Add("key", key.Clone()).Add("name", name);
        foreach (var (field, value) in spec.Fields)
        {
            if (field is not ("v" or "key" or "name"))
            {
                normalized.Add(field, value.Clone());
            }
        }

        if (name == IdIndexName && !(SameKey(normalized, IdIndex()) && Options(normalized).Count == 0))
        {
            throw new CommandException(ErrorCodes.BadValue, $"The index name '_id_' is reserved for the _id index, which must have key {{_id: 1}} and no options (indexes.{position})");
        }

        return normalized;
    }

    public static string NameOf(Doc spec) => spec["name"]!.String;

    public static bool SameKey(Doc a, Doc b) => DocComparer.Instance.Equals(a["key"], b["key"]);

    /// <summary>Options beyond v/key/name, compared as a server does when an index of that name exists.</summary>
    public static bool SameOptions(Doc a, Doc b) => DocComparer.Instance.Equals(DocValue.FromDocument(Options(a)), DocValue.FromDocument(Options(b)));

    /// <summary>
    /// Whether <paramref name="spec"/> is already built on <paramref name="store"/> (a no-op request); a conflicting
    /// spec fails as mongod fails: same name with another key 86, same name with other options or same key under another name 85.
    /// </summary>
    public static bool AlreadyExists(CollectionStore store, Doc spec)
    {
        var name = NameOf(spec);
        if (name == IdIndexName)
        {
            // Normalize already refused any other spec under this name.
            return true;
        }

        foreach (var existing in store.Indexes)
        {
            var sameName = NameOf(existing) == name;
            var sameKey = SameKey(existing, spec);
            if (sameName && sameKey)
            {
                return SameOptions(existing, spec)
                    ? true
                    : throw new CommandException(ErrorCodes.IndexOptionsConflict, $"An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: {spec}, existing index: {existing}");
            }

            if (sameName)
            {
                throw new CommandException(ErrorCodes.IndexKeySpecsConflict, $"An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: {spec}, existing index: {existing}");
            }

            if (sameKey)
            {
                // The sandbox has no collation or partial filter that would let two indexes share a key pattern.
                throw new CommandException(ErrorCodes.IndexOptionsConflict, $"Index already exists with a different name: {NameOf(existing)}");
            }
        }

        return false;
    }

    private static Doc Options(Doc spec)
    {
        var options = new Doc();
        foreach (var (field, value) in spec.Fields)
        {
            if (field is not ("v" or "key" or "name"))
            {
                options.Add(field, value);
            }
        }

        return options;
    }
}
