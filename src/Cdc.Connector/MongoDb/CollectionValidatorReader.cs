using Cdc.Connector.Configuration;
using Cdc.Connector.Source;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdc.Connector.MongoDb;

/// <summary>
/// Reads the validators of the collections the stream watches, with listCollections through the official driver (one
/// command per database returns every collection's options). A refused command (a user without the listCollections
/// action, an unreachable server) is reported per database or collection, never thrown: without a validator the schema
/// is inferred, so a missing right costs typing precision, not the pipeline.
/// </summary>
internal sealed class CollectionValidatorReader
{
    private static readonly string[] InternalDatabases = ["admin", "config", "local"];

    private readonly MongoConnection _connection;
    private readonly WatchTarget _target;
    private readonly NamespaceScope _scope;

    public CollectionValidatorReader(MongoConnection connection, MongoDbOptions mongo)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(mongo);
        _connection = connection;
        _target = WatchTarget.From(mongo);
        _scope = new NamespaceScope(mongo.IncludeNamespaces, mongo.ExcludeNamespaces, "mongodb.includeNamespaces", "mongodb.excludeNamespaces");
    }

    /// <summary>The validator of every collection in the stream's scope (views and system collections left out), by namespace.</summary>
    public ValidatorReading ReadInScope(CancellationToken cancellationToken)
    {
        var validators = new List<CollectionValidator>();
        var failures = new List<string>();
        List<string> databases;
        if (_target.Database is { } database)
        {
            databases = [database];
        }
        else
        {
            try
            {
                databases = _connection.Client.ListDatabaseNames(cancellationToken).ToList(cancellationToken).Where(name => !InternalDatabases.Contains(name)).ToList();
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                failures.Add(Failure(error, "Listing the databases of the cluster to read the validators of their collections", "listDatabases", "the cluster", "readAnyDatabase"));
                return new ValidatorReading(validators, failures);
            }
        }

        foreach (var name in databases)
        {
            try
            {
                foreach (var entry in ListEntries(name, _target.Collection, cancellationToken))
                {
                    var collection = entry["name"].AsString;
                    if (!collection.StartsWith("system.", StringComparison.Ordinal) && _scope.Allows(name, collection))
                    {
                        validators.Add(FromEntry(name, collection, entry));
                    }
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                failures.Add(Failure(error, $"Reading the validators of database {name} (listCollections)", "listCollections", $"database {name}", "read"));
            }
        }

        validators.Sort((a, b) => string.CompareOrdinal(a.Namespace, b.Namespace));
        return new ValidatorReading(validators, failures);
    }

    /// <summary>The validator of one collection (on start, or again after a modify event changed it).</summary>
    public CollectionValidator Read(string database, string collection, CancellationToken cancellationToken)
    {
        try
        {
            var entry = ListEntries(database, collection, cancellationToken).FirstOrDefault();
            return entry is null
                ? CollectionValidator.Without(database, collection, "the collection does not exist (or is a view)")
                : FromEntry(database, collection, entry);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return CollectionValidator.Unreadable(database, collection, Failure(error, $"Reading the validator of {database}.{collection} (listCollections)", "listCollections", $"database {database}", "read"));
        }
    }

    private static CollectionValidator FromEntry(string database, string collection, BsonDocument entry)
    {
        var options = entry.TryGetValue("options", out var value) ? value as BsonDocument : null;
        var jsonSchema = ValidatorJsonSchema.Find(options, out var reason);
        return jsonSchema is null
            ? CollectionValidator.Without(database, collection, reason!)
            : CollectionValidator.WithJsonSchema(database, collection, jsonSchema);
    }

    private List<BsonDocument> ListEntries(string database, string? collection, CancellationToken cancellationToken)
    {
        // Views have no validator, and time series collections no change events: only collections.
        var filter = new BsonDocument("type", "collection");
        if (collection is not null)
        {
            filter.Add("name", collection);
        }

        return _connection.Client.GetDatabase(database)
            .ListCollections(new ListCollectionsOptions { Filter = filter }, cancellationToken)
            .ToList(cancellationToken);
    }

    /// <summary>The failure's message, with what it costs and the fix.</summary>
    private string Failure(Exception error, string operation, string action, string resource, string role)
    {
        var failure = _connection.Translate(error, operation);
        var fix = failure is MongoFailureException { Kind: MongoFailureKind.Unauthorized }
            ? $" Grant the connector's user the {action} action on {resource} (the {role} role has it) to use the validators."
            : string.Empty;
        return $"{failure.Message} The schemas of its collections are inferred from the documents instead.{fix}";
    }
}
