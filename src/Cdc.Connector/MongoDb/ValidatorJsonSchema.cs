using MongoDB.Bson;

namespace Cdc.Connector.MongoDb;

/// <summary>
/// Finds the <c>$jsonSchema</c> of a collection's <c>options.validator</c> that every document must match: the
/// validator's only top-level key, or one condition of a top-level <c>$and</c> (the other conditions only narrow the
/// values further). Anywhere else (beside other top-level conditions, under <c>$or</c> or <c>$nor</c>) documents need
/// not match it, or the converter would have to judge query operators: there is none, and the reason says why.
/// </summary>
internal static class ValidatorJsonSchema
{
    private const string JsonSchemaKey = "$jsonSchema";

    /// <summary>The <c>$jsonSchema</c> document as BSON, or null with <paramref name="reason"/>.</summary>
    public static byte[]? Find(BsonDocument? options, out string? reason)
    {
        if (options is null || !options.TryGetValue("validator", out var value) || (value is BsonDocument { ElementCount: 0 }))
        {
            reason = "the collection has no validator";
            return null;
        }

        if (value is not BsonDocument validator)
        {
            reason = $"the validator is a {value.BsonType}, not a document";
            return null;
        }

        if (validator.ElementCount == 1 && validator.Contains(JsonSchemaKey))
        {
            return Schema(validator[JsonSchemaKey], "the validator's $jsonSchema", out reason);
        }

        if (validator.ElementCount == 1 && validator.TryGetValue("$and", out var and) && and is BsonArray conditions)
        {
            var schemas = conditions.OfType<BsonDocument>().Where(condition => condition.ElementCount == 1 && condition.Contains(JsonSchemaKey)).ToList();
            switch (schemas.Count)
            {
                case 1:
                    return Schema(schemas[0][JsonSchemaKey], "the $jsonSchema of the validator's $and", out reason);
                case 0:
                    reason = "the validator's $and holds no $jsonSchema condition";
                    return null;
                default:
                    reason = $"the validator's $and holds {schemas.Count} $jsonSchema conditions, which the converter does not merge";
                    return null;
            }
        }

        var others = string.Join(", ", validator.Names.Where(name => name != JsonSchemaKey));
        reason = validator.Contains(JsonSchemaKey)
            ? $"the validator's $jsonSchema is beside other top-level conditions ({others}); only a validator that is a $jsonSchema alone or a top-level $and of conditions is read"
            : $"the validator is a query filter without a top-level $jsonSchema ({others}); only a validator that is a $jsonSchema alone or a top-level $and of conditions is read";
        return null;
    }

    private static byte[]? Schema(BsonValue value, string what, out string? reason)
    {
        if (value is not BsonDocument schema)
        {
            reason = $"{what} is a {value.BsonType}, not a document";
            return null;
        }

        reason = null;
        return schema.ToBson();
    }
}
