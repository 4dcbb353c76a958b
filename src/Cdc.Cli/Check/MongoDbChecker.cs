using System.Diagnostics;
using Cdc.Connector.Configuration;
using Cdc.Connector.MongoDb;
using Cdc.Connector.Pipeline;
using Cdc.Connector.Source;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cdc.Cli.Check;

/// <summary>
/// The mongodb area of `cdc check`: the server answers hello, is a replica set or mongos, runs a version that can
/// serve the configured stream, and lets this user open the configured change stream, opened and closed at once by
/// the very <see cref="ChangeStreamSource"/> `cdc run` reads with. Also opens the stream at a stored checkpoint for the
/// checkpoint area, and lends its client to a mongodb checkpoint store. The client's server-selection and connect
/// timeouts are the check's time limit (unless mongodb.uri sets them), and every call is bounded by it too.
/// </summary>
internal sealed class MongoDbChecker : IDisposable
{
    private readonly CdcOptions _options;
    private readonly TimeSpan _limit;
    private readonly WatchTarget _target;
    private readonly PipelineSettings _policies;
    private bool _answered;
    private bool _supportsChangeStreams;

    public MongoDbChecker(CdcOptions options, TimeSpan limit)
    {
        _options = options;
        _limit = limit;
        _target = WatchTarget.From(options.MongoDb);
        _policies = PipelineSettings.From(options);
        Connection = new MongoConnection(options.MongoDb.Uri!, NullLoggerFactory.Instance, MongoClientFactory.ApplicationName + "-check", limit, MongoTlsFiles.From(options.MongoDb));
    }

    /// <summary>The check's client: a mongodb checkpoint store is checked through it too.</summary>
    public MongoConnection Connection { get; }

    /// <summary>True once the server answered and can run change streams: the checkpoint area may open streams then.</summary>
    public bool Usable => _answered && _supportsChangeStreams;

    public void Run(CheckReport report)
    {
        var area = CheckAreas.MongoDb;
        var shownUri = MongoUriRedactor.Redact(_options.MongoDb.Uri!);
        ServerHello hello;
        var watch = Stopwatch.StartNew();
        try
        {
            hello = Call(new MongoServerProbe(Connection).Hello, "hello");
        }
        catch (MongoFailureException ex)
        {
            // The server answered but refused the login: say so apart from "unreachable".
            var name = ex.Kind == MongoFailureKind.Authentication ? "credentials" : "reachable";
            report.Add(CheckResult.Fail(area, name, $"{shownUri}: {ex.Reason}", MongoFailureAdvice.Fix(ex, _target, _policies.CheckpointRemovalHint)));
            return;
        }

        report.Add(CheckResult.Pass(area, "reachable", $"{hello.Me ?? shownUri} answered hello in {watch.ElapsedMilliseconds} ms"));
        _answered = true;
        _supportsChangeStreams = hello.SupportsChangeStreams;
        if (!hello.SupportsChangeStreams)
        {
            report.Add(CheckResult.Fail(area, "topology", $"{hello.Topology}: change streams need a replica set or a sharded cluster", MongoFailureAdvice.StandaloneFix));
            return;
        }

        report.Add(CheckResult.Pass(area, "topology", hello.Topology + (hello.IsWritablePrimary ? string.Empty : " (answered by a non-primary member)")));
        foreach (var check in VersionChecks())
        {
            report.Add(check);
        }

        report.Add(ChangeStreamCheck());
    }

    /// <summary>
    /// Opens the configured stream at <paramref name="position"/> and closes it: null when it opened, else the
    /// failure (a <see cref="MongoFailureException"/>).
    /// </summary>
    public Exception? TryOpenAt(ResumePosition position) => TryOpen(StartPosition.From(position, "cdc check: is the stored position resumable?"));

    public void Dispose() => Connection.Dispose();

    /// <summary>The server version against the configured stream, then what becomes of events over 16 MB on it.</summary>
    private CheckResult[] VersionChecks()
    {
        string? version;
        try
        {
            version = Call(new MongoServerProbe(Connection).Version, "buildInfo");
        }
        catch (MongoFailureException ex)
        {
            return [CheckResult.Warn(CheckAreas.MongoDb, MongoVersionRules.Name, $"buildInfo failed: {ex.Reason}", "make sure the server is MongoDB 4.2 or later")];
        }

        var versionCheck = version is not null
            ? MongoVersionRules.Evaluate(version, _options.MongoDb)
            : CheckResult.Warn(CheckAreas.MongoDb, MongoVersionRules.Name, "buildInfo reported no version", "make sure the server is MongoDB 4.2 or later");
        return [versionCheck, LargeEventRules.Evaluate(version, _options.MongoDb)];
    }

    private CheckResult ChangeStreamCheck()
    {
        const string Name = "change stream";
        var failure = TryOpen(StartPosition.Now("cdc check: can this user open the configured stream?"));
        var stages = ChangeStreamPipeline.Build(_options.MongoDb).Count;
        var what = $"{_target.Description} with {stages} pipeline stage(s), fullDocument {ConfigurationSchema.WordOf(_options.MongoDb.FullDocument)}, fullDocumentBeforeChange {ConfigurationSchema.WordOf(_options.MongoDb.FullDocumentBeforeChange)}";
        if (failure is null)
        {
            return CheckResult.Pass(CheckAreas.MongoDb, Name, $"opened and closed a change stream on {what}");
        }

        var verdict = FailureClassifier.Classify(failure, _policies, null);
        var reason = failure is MongoFailureException mongo ? mongo.Reason : failure.Message;
        return CheckResult.Fail(CheckAreas.MongoDb, Name, $"cannot open a change stream on {what}: {reason}", verdict.Fix ?? MongoFailureAdvice.ReachFix);
    }

    /// <summary>Opens the run path's own source at <paramref name="start"/> and closes it; null when it opened.</summary>
    private MongoFailureException? TryOpen(StartPosition start)
    {
        try
        {
            Call(
                () =>
                {
                    using var source = new ChangeStreamSource(Connection, _options.MongoDb, NullLogger<ChangeStreamSource>.Instance);
                    source.ProbeOpen(start, _limit);
                    return true;
                },
                "opening the change stream");
            return null;
        }
        catch (MongoFailureException ex)
        {
            return ex;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> within the limit (plus a margin over the driver's own timeouts); a driver failure
    /// or an answer that never came is a <see cref="MongoFailureException"/>.
    /// </summary>
    private T Call<T>(Func<T> work, string operation)
    {
        try
        {
            return BoundedCall.Run(work, _limit + TimeSpan.FromSeconds(2));
        }
        catch (Exception ex) when (ex is not MongoFailureException and not ConfigurationException)
        {
            // The driver's own server-selection timeout and BoundedCall's give-up are both TimeoutExceptions: either way
            // no server answered in time, which the translation says with each server's state.
            throw Connection.Translate(ex, $"MongoDB {operation}");
        }
    }
}
