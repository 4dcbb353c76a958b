using System.Diagnostics;
using System.Text;
using Cdc.Connector.Checkpoint;
using Cdc.Connector.Configuration;
using Cdc.Connector.Interop.Mongoc;
using Cdc.Connector.Source;
using Cdc.Schemas.Bson;

namespace Cdc.Connector.Check;

/// <summary>
/// The mongodb area of `cdc check`: the server answers hello, is a replica set or mongos, runs a version that can
/// serve the configured stream, and lets this user open the configured change stream (scope, pipeline, options),
/// which is then closed at once. Also opens the stream at a stored checkpoint for the checkpoint area, so one client
/// serves both. Every call is bounded by the check's time limit.
/// </summary>
internal sealed class MongoDbChecker : IDisposable
{
    private static readonly byte[] HelloCommand = Command("hello");
    private static readonly byte[] IsMasterCommand = Command("isMaster");
    private static readonly byte[] BuildInfoCommand = Command("buildInfo");
    private static readonly byte[] PingCommand = Command("ping");

    private readonly MongoDbOptions _options;
    private readonly TimeSpan _limit;
    private readonly MongoScope _scope;
    private MongoClient? _client;
    private bool _answered;
    private bool _supportsChangeStreams;

    public MongoDbChecker(MongoDbOptions options, TimeSpan limit)
    {
        _options = options;
        _limit = limit;
        _scope = MongoScope.From(options);
    }

    /// <summary>True once the server answered and can run change streams: the checkpoint area may open streams then.</summary>
    public bool Usable => _answered && _supportsChangeStreams && _client is not null;

    public void Run(CheckReport report)
    {
        var area = CheckAreas.MongoDb;
        var shownUri = MongoUriRedactor.Redact(_options.Uri!);
        MongoHello hello;
        var watch = Stopwatch.StartNew();
        try
        {
            _client = MongoClient.Create(MongoCheckUri.WithTimeouts(_options.Uri!, _limit), ChangeStreamSource.ApplicationName + "-check");
            hello = MongoHello.Parse(Hello());
        }
        catch (MongoException ex)
        {
            // The server answered but refused the login: say so apart from "unreachable".
            var name = MongoFailureAdvice.IsAuthentication(ex) ? "credentials" : "reachable";
            report.Add(CheckResult.Fail(area, name, $"{shownUri}: {ex.Message}", MongoFailureAdvice.ConnectFix(ex)));
            return;
        }
        catch (TimeoutException ex)
        {
            report.Add(CheckResult.Fail(area, "reachable", $"{shownUri}: {ex.Message}", MongoFailureAdvice.ReachFix));
            return;
        }

        report.Add(CheckResult.Pass(area, "reachable", $"{hello.Me ?? shownUri} answered hello in {watch.ElapsedMilliseconds} ms"));
        _supportsChangeStreams = hello.SupportsChangeStreams;
        if (!hello.SupportsChangeStreams)
        {
            report.Add(CheckResult.Fail(area, "topology", $"{hello.Topology}: change streams need a replica set or a sharded cluster",
                MongoFailureAdvice.ChangeStreamFix(new MongoException("standalone", MongoErrors.ServerDomain, 40573, null, []), _scope)));
            return;
        }

        report.Add(CheckResult.Pass(area, "topology", hello.Topology + (hello.IsWritablePrimary ? string.Empty : " (answered by a non-primary member)")));
        report.Add(VersionCheck());
        report.Add(ChangeStreamCheck());
    }

    /// <summary>
    /// Opens the configured stream at <paramref name="position"/> and closes it: null when it opened, else the
    /// failure (a <see cref="MongoException"/> or <see cref="TimeoutException"/>).
    /// </summary>
    public Exception? TryOpenAt(ResumePosition position)
    {
        var start = StartPosition.From(position, "cdc check");
        var watchOptions = ChangeStreamWatchOptions.Build(_options, start.Kind, position.Token, position.OperationTime);
        return TryOpen(watchOptions);
    }

    public void Dispose()
    {
        _client?.Dispose();
        _client = null;
    }

    /// <summary>hello, or isMaster on a server older than 4.4.2 that does not know hello (59 CommandNotFound).</summary>
    private byte[] Hello()
    {
        try
        {
            return Call(client => client.RunCommand("admin", HelloCommand));
        }
        catch (MongoException ex) when (ex.Domain == MongoErrors.ServerDomain && ex.Code == 59)
        {
            return Call(client => client.RunCommand("admin", IsMasterCommand));
        }
    }

    private CheckResult VersionCheck()
    {
        try
        {
            var reply = Call(client => client.RunCommand("admin", BuildInfoCommand));
            return ReadString(reply, "version"u8) is { } version
                ? MongoVersionRules.Evaluate(version, _options)
                : CheckResult.Warn(CheckAreas.MongoDb, MongoVersionRules.Name, "buildInfo reported no version", "make sure the server is MongoDB 4.2 or later");
        }
        catch (Exception ex) when (ex is MongoException or TimeoutException)
        {
            return CheckResult.Warn(CheckAreas.MongoDb, MongoVersionRules.Name, $"buildInfo failed: {ex.Message}", "make sure the server is MongoDB 4.2 or later");
        }
    }

    private CheckResult ChangeStreamCheck()
    {
        const string Name = "change stream";
        BsonTimestamp now;
        try
        {
            now = OperationTime(Call(client => client.RunCommand("admin", PingCommand)));
        }
        catch (MongoException ex)
        {
            return CheckResult.Fail(CheckAreas.MongoDb, Name, $"ping failed: {ex.Message}", MongoFailureAdvice.ChangeStreamFix(ex, _scope));
        }
        catch (TimeoutException ex)
        {
            return CheckResult.Fail(CheckAreas.MongoDb, Name, $"ping failed: {ex.Message}", MongoFailureAdvice.ReachFix);
        }

        var watchOptions = ChangeStreamWatchOptions.Build(_options, StartKind.AtOperationTime, default, now);
        var failure = TryOpen(watchOptions);
        var stages = ChangeStreamStageCount();
        var what = $"{_scope.Description} with {stages} pipeline stage(s), fullDocument {_options.FullDocument}, fullDocumentBeforeChange {_options.FullDocumentBeforeChange}";
        return failure switch
        {
            null => CheckResult.Pass(CheckAreas.MongoDb, Name, $"opened and closed a change stream on {what}"),
            MongoException mongo => CheckResult.Fail(CheckAreas.MongoDb, Name, $"cannot open a change stream on {what}: {mongo.Message}", MongoFailureAdvice.ChangeStreamFix(mongo, _scope)),
            _ => CheckResult.Fail(CheckAreas.MongoDb, Name, $"opening a change stream on {what} gave {failure.Message}", MongoFailureAdvice.ReachFix),
        };
    }

    private Exception? TryOpen(byte[] watchOptions)
    {
        var pipeline = ChangeStreamPipeline.Build(_options);
        var database = _options.Scope == "cluster" ? null : _options.Database;
        var collection = _options.Scope == "collection" ? _options.Collection : null;
        try
        {
            Call(client =>
            {
                using var stream = client.Watch(database, collection, pipeline, watchOptions);
                return true;
            });
            return null;
        }
        catch (Exception ex) when (ex is MongoException or TimeoutException)
        {
            return ex;
        }
    }

    private int ChangeStreamStageCount() =>
        _options.Pipeline.Count + (NamespaceFilter.Compile(_options.IncludeNamespaces, _options.ExcludeNamespaces) is null ? 0 : 1);

    /// <summary>Runs on the client within the limit; a call given up on keeps the client, so it is never used again.</summary>
    private T Call<T>(Func<MongoClient, T> work)
    {
        var client = _client ?? throw new TimeoutException("an earlier MongoDB call did not return in time");
        try
        {
            var result = BoundedCall.Run(() => work(client), _limit + TimeSpan.FromSeconds(2));
            _answered = true;
            return result;
        }
        catch (TimeoutException)
        {
            // libmongoc clients are single-threaded and the abandoned call still holds this one: leak it, never share it.
            _client = null;
            throw;
        }
    }

    private static BsonTimestamp OperationTime(byte[] reply)
    {
        var reader = new BsonReader(reply);
        while (reader.MoveNext())
        {
            if (reader.Current.NameEquals("operationTime"u8) && reader.Current.Type == BsonType.Timestamp)
            {
                return reader.Current.GetTimestamp();
            }
        }

        throw new MongoException("the reply to ping has no operationTime, as from a standalone server", MongoErrors.ServerDomain, 40573, null, []);
    }

    private static string? ReadString(byte[] reply, ReadOnlySpan<byte> name)
    {
        var reader = new BsonReader(reply);
        while (reader.MoveNext())
        {
            if (reader.Current.NameEquals(name) && reader.Current.Type == BsonType.String)
            {
                return Encoding.UTF8.GetString(reader.Current.GetStringUtf8());
            }
        }

        return null;
    }

    private static byte[] Command(string name)
    {
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        writer.WriteInt32(name, 1);
        writer.WriteEndDocument();
        return writer.ToArray();
    }
}
