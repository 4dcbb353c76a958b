using Cdc.Connector.Configuration;

namespace Cdc.Connector.Check;

/// <summary>The configured stream's scope in the words and privilege resources of MongoDB's documentation.</summary>
internal sealed record MongoScope(string Description, string Resource, string RoleHint)
{
    public static MongoScope From(MongoDbOptions options) => options.Scope switch
    {
        "collection" => new(
            $"collection {options.Database}.{options.Collection}",
            $"{{db: \"{options.Database}\", collection: \"{options.Collection}\"}}",
            $"the built-in read role on database {options.Database} has both"),
        "database" => new(
            $"database {options.Database}",
            $"{{db: \"{options.Database}\", collection: \"\"}}",
            $"the built-in read role on database {options.Database} has both"),
        _ => new(
            "the whole cluster",
            "{db: \"\", collection: \"\"} (every database)",
            "the built-in readAnyDatabase role has both"),
    };
}
