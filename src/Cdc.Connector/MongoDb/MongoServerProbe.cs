using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdc.Connector.MongoDb;

/// <summary>
/// What `cdc check` asks the deployment before it opens a stream: its hello reply (topology, answering member) and
/// its version, through the process's client. Failures are thrown as <see cref="MongoFailureException"/>, translated
/// here like every other MongoDB failure.
/// </summary>
internal sealed class MongoServerProbe(MongoConnection connection)
{
    /// <summary>CommandNotFound: a server older than 4.4.2 does not know hello.</summary>
    private const int CommandNotFound = 59;

    /// <summary>The hello reply, or isMaster's from a server that does not know hello.</summary>
    public ServerHello Hello()
    {
        try
        {
            return ServerHello.From(Run("hello"));
        }
        catch (MongoCommandException ex) when (ex.Code == CommandNotFound)
        {
            return Translated(() => ServerHello.From(Run("isMaster")), "isMaster");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw connection.Translate(ex, "MongoDB hello");
        }
    }

    /// <summary>buildInfo's version string, or null when the reply has none.</summary>
    public string? Version() => Translated(
        () => Run("buildInfo").TryGetValue("version", out var version) && version.IsString ? version.AsString : null,
        "buildInfo");

    private BsonDocument Run(string command) => connection.Client.GetDatabase("admin").RunCommand<BsonDocument>(new BsonDocument(command, 1));

    private T Translated<T>(Func<T> work, string command)
    {
        try
        {
            return work();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw connection.Translate(ex, $"MongoDB {command}");
        }
    }
}
