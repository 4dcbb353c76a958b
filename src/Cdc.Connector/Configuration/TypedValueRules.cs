using Cdc.Schemas.Avro;
using Cdc.Schemas.Mapping;
using MongoDB.Driver;

namespace Cdc.Connector.Configuration;

/// <summary>
/// mapping.value and mapping.schemas (docs/typed-values.md): typed values need the document of every update, and each
/// declared schema is read, parsed and checked at start-up, so that a bad file stops the start instead of an event.
/// Paths are relative to the working directory, as checkpoint.path and the TLS files are.
/// </summary>
internal static class TypedValueRules
{
    private const string MetadataField = "__cdc";

    public static void Check(CdcOptions options, ConfigurationProblems problems)
    {
        var mapping = options.Mapping;
        if (mapping.Value == ValueFormat.Document && options.MongoDb.FullDocument == ChangeStreamFullDocumentOption.Default)
        {
            problems.AddAcrossKeys("'mapping.value' is document, but 'mongodb.fullDocument' is default: update events would arrive without the document. Set mongodb.fullDocument to updateLookup, or whenAvailable/required with change stream pre- and post-images enabled on the collections.");
        }

        if (mapping.Value == ValueFormat.Envelope && mapping.Schemas.Count > 0)
        {
            problems.AddAcrossKeys("'mapping.schemas' is set, but 'mapping.value' is envelope: declared schemas shape typed values only. Set mapping.value=document, or remove 'mapping.schemas'.");
        }

        var declared = new Dictionary<string, AvroRecordSchema>(StringComparer.Ordinal);
        foreach (var (ns, path) in mapping.Schemas.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            var key = $"mapping.schemas.{ns}";
            var origin = options.OriginOf(key);
            var dot = ns.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || dot == ns.Length - 1)
            {
                problems.Add($"'{key}' must name a namespace as <database>.<collection>{origin}; give the entry the collection's full name, like mapping.schemas.shop.orders.");
                continue;
            }

            if (Read(key, path, origin, problems) is { } record)
            {
                declared.Add(ns, record);
            }
        }

        mapping.DeclaredSchemas = declared;
    }

    private static AvroRecordSchema? Read(string key, string path, string origin, ConfigurationProblems problems)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            problems.Add($"'{key}' must name the namespace's .avsc file; got an empty path{origin}.");
            return null;
        }

        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            problems.Add($"'{key}' names the file '{path}', which does not exist{origin}; give the path of the namespace's .avsc file (a relative path starts at the working directory, {Environment.CurrentDirectory}).");
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problems.Add($"'{key}' names '{path}', which cannot be read{origin}: {ex.Message} Give the path of a readable .avsc file.");
            return null;
        }

        AvroSchema schema;
        try
        {
            schema = AvroSchema.Parse(json);
        }
        catch (AvroException ex)
        {
            problems.Add($"'{key}' names the file '{path}', which is not a valid Avro schema{origin}: {ex.Message} Correct the schema in the file.");
            return null;
        }

        if (schema is not AvroRecordSchema record)
        {
            problems.Add($"'{key}' names the file '{path}', whose schema is {Describe(schema)}, not a record{origin}: a typed value is a record of the document's fields; declare a record.");
            return null;
        }

        if (record.Fields.Any(field => field.Name == MetadataField))
        {
            problems.Add($"'{key}' names the file '{path}', whose record declares a field named '{MetadataField}'{origin}: that is the name of the metadata record cdc puts first in every typed value; remove the field (a document field named {MetadataField} has a hashed Avro name, see docs/typed-values.md).");
            return null;
        }

        return record;
    }

    private static string Describe(AvroSchema schema) => schema switch
    {
        AvroNamedSchema named => $"the {AvroNamedSchemaKind(schema.Type)} '{named.FullName}'",
        AvroUnionSchema => "a union",
        AvroArraySchema => "an array",
        AvroMapSchema => "a map",
        AvroPrimitiveSchema primitive => $"the primitive type {primitive.TypeName}",
        _ => schema.Type.ToString(),
    };

    private static string AvroNamedSchemaKind(AvroType type) => type == AvroType.Enum ? "enum" : "fixed";
}
