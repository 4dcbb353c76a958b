using System.Runtime.InteropServices;
using Cdc.Connector.Configuration;

namespace Cdc.Connector.Interop.Mongoc;

/// <summary>
/// One libmongoc client (<c>mongoc_client_t</c>, not thread-safe: one owner thread at a time). Connects lazily; the
/// first operation reports an unreachable server as a <see cref="MongoException"/> after serverSelectionTimeoutMS.
/// </summary>
internal sealed unsafe class MongoClient : IDisposable
{
    private readonly MongocClientHandle _handle;

    private MongoClient(MongocClientHandle handle) => _handle = handle;

    /// <summary>Parses the URI (a bad one throws <see cref="MongoException"/> naming the problem, password redacted).</summary>
    public static MongoClient Create(string uri, string appName)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentException.ThrowIfNullOrEmpty(appName);
        MongocLibraries.EnsureInitialized();
        BsonError error;
        var parsed = LibMongoc.mongoc_uri_new_with_error(uri, &error);
        if (parsed == 0)
        {
            // libmongoc's message may quote the URI: never let the password through.
            var problem = error.Message.Replace(uri, MongoUriRedactor.Redact(uri), StringComparison.Ordinal);
            throw new MongoException(
                $"The MongoDB URI '{MongoUriRedactor.Redact(uri)}' is not valid: {problem}", error.Domain, (int)error.Code, null, []);
        }

        try
        {
            var client = LibMongoc.mongoc_client_new_from_uri_with_error(parsed, &error);
            if (client == 0)
            {
                throw new MongoException(
                    $"No MongoDB client for '{MongoUriRedactor.Redact(uri)}': {error.Message}", error.Domain, (int)error.Code, null, []);
            }

            var handle = new MongocClientHandle(client);
            LibMongoc.mongoc_client_set_error_api(handle, MongoErrors.ErrorApiVersion);

            // An appname in the URI wins; libmongoc would refuse (and log) a second one.
            if (LibMongoc.mongoc_uri_get_appname(parsed) == 0 && !LibMongoc.mongoc_client_set_appname(handle, appName))
            {
                handle.Dispose();
                throw new MongoException($"libmongoc refused the application name '{appName}' (at most 128 bytes).");
            }

            return new MongoClient(handle);
        }
        finally
        {
            LibMongoc.mongoc_uri_destroy(parsed);
        }
    }

    /// <summary>Runs one command document (BSON) against a database and returns a copy of the reply document.
    /// A reply with ok:0 or a transport error throws <see cref="MongoException"/>.</summary>
    public byte[] RunCommand(string database, ReadOnlySpan<byte> command)
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        using var commandBson = BsonHandle.FromDocument(command, "command");

        // mongoc_client_command_simple initialises a caller-provided bson_t (128 bytes, 128-aligned) even on failure.
        var reply = NativeMemory.AlignedAlloc(LibMongoc.BsonStructSize, LibMongoc.BsonStructSize);
        try
        {
            BsonError error;
            var ok = LibMongoc.mongoc_client_command_simple(_handle, database, commandBson, 0, reply, &error);
            try
            {
                var replyBytes = LibMongoc.View((nint)reply);
                if (!ok)
                {
                    throw MongoErrors.Create($"Command {CommandName(command)} on {database}", error, replyBytes);
                }

                return replyBytes.ToArray();
            }
            finally
            {
                LibMongoc.bson_destroy((nint)reply);
            }
        }
        finally
        {
            NativeMemory.AlignedFree(reply);
        }
    }

    /// <summary>Opens a change stream: <paramref name="pipeline"/> is a BSON document {"pipeline": [stages…]}, options the
    /// watch options document (resumeAfter/startAfter/startAtOperationTime, fullDocument, batchSize, maxAwaitTimeMS…).
    /// A collection scope needs both names, a database scope the database, a cluster scope neither.</summary>
    public ChangeStream Watch(string? database, string? collection, ReadOnlySpan<byte> pipeline, ReadOnlySpan<byte> options)
    {
        if (collection is not null && database is null)
        {
            throw new ArgumentException("A collection change stream needs its database too.", nameof(database));
        }

        using var pipelineBson = BsonHandle.FromDocument(pipeline, "change stream pipeline");
        using var optionsBson = BsonHandle.FromDocument(options, "change stream options");
        nint stream;
        string scope;
        if (database is null)
        {
            scope = "the cluster";
            stream = LibMongoc.mongoc_client_watch(_handle, pipelineBson, optionsBson);
        }
        else if (collection is null)
        {
            scope = $"database {database}";
            var db = LibMongoc.mongoc_client_get_database(_handle, database);
            try
            {
                stream = LibMongoc.mongoc_database_watch(db, pipelineBson, optionsBson);
            }
            finally
            {
                // The stream keeps its own copies of the names, read preference and concern: the handle can go now.
                LibMongoc.mongoc_database_destroy(db);
            }
        }
        else
        {
            scope = $"collection {database}.{collection}";
            var coll = LibMongoc.mongoc_client_get_collection(_handle, database, collection);
            try
            {
                stream = LibMongoc.mongoc_collection_watch(coll, pipelineBson, optionsBson);
            }
            finally
            {
                LibMongoc.mongoc_collection_destroy(coll);
            }
        }

        if (stream == 0)
        {
            throw new MongoException($"libmongoc returned no change stream for {scope}.");
        }

        return ChangeStream.Open(new MongocChangeStreamHandle(stream, _handle), $"Change stream on {scope}");
    }

    public void Dispose() => _handle.Dispose();

    /// <summary>The command's first key, for error messages.</summary>
    private static string CommandName(ReadOnlySpan<byte> command)
    {
        var reader = new Cdc.Schemas.Bson.BsonReader(command);
        return reader.MoveNext() ? System.Text.Encoding.UTF8.GetString(reader.Current.Name) : "(empty)";
    }
}
