using Cdc.Connector.Configuration;
using Cdc.Connector.Source;
using Cdc.Schemas.ExtendedJson;
using Microsoft.Extensions.Logging;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdc.Connector.MongoDb;

/// <summary>
/// The change stream of the mongodb.* options through the official driver, read on one thread:
/// <c>Watch&lt;RawBsonDocument&gt;</c> at the configured scope, so the driver parses no event into a document tree;
/// each event is handed out as a span over the reply's own buffer (copied only when it spans two of the buffer's
/// chunks) and scanned once by the mapping path. The driver resumes a resumable error once by itself; anything it
/// throws is translated here (<see cref="MongoFailureTranslator"/>) and the caller reopens from its committed position.
/// </summary>
internal sealed class ChangeStreamSource : IChangeStreamSource
{
    private readonly MongoConnection _connection;
    private readonly MongoDbOptions _options;
    private readonly WatchTarget _target;
    private readonly ILogger<ChangeStreamSource> _logger;
    // Decided at the first open, when the server's version says whether it can split events over 16 MB.
    private IReadOnlyList<byte[]>? _stages;
    private PipelineDefinition<ChangeStreamDocument<BsonDocument>, RawBsonDocument>? _pipeline;

    // Set when the stream ends with $changeStreamSplitLargeEvent: fragments become one event again before anyone sees them.
    private SplitEventAssembler? _assembler;

    // Why an event over 16 MB still fails the stream (BSONObjectTooLarge), for the message the connector stops with.
    private string _whyLargeEventsFail = string.Empty;
    private IChangeStreamCursor<RawBsonDocument>? _cursor;
    private IEnumerator<RawBsonDocument>? _batch;
    private RawBsonDocument? _current;

    // An invalidate event was handed out: the server closes the cursor after it, so the stream ends there.
    private bool _invalidated;
    private bool _closedLogged;

    // An event that spans two chunks of the reply's buffer is copied here (rare: about 0.5% of events).
    private byte[] _spanningEvent = new byte[64 * 1024];
    private byte[] _postBatchToken = [];

    // The size of the event handed out last, so the next read knows whether a large one was just processed.
    private int _lastEventBytes;

    public ChangeStreamSource(MongoConnection connection, MongoDbOptions options, ILogger<ChangeStreamSource> logger)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _connection = connection;
        _options = options;
        _logger = logger;
        _target = WatchTarget.From(options);
    }

    public ReadOnlySpan<byte> PostBatchResumeToken => _postBatchToken;

    public ResumePosition? Open(StartPosition start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        Close();
        ResumePosition? captured = null;
        var operationTime = start.Position?.OperationTime;
        if (start.Kind == StartKind.Now)
        {
            var now = JustAfter(CurrentOperationTime(cancellationToken));
            SourceLog.CapturedOperationTime(_logger, now.Seconds, now.Increment);
            captured = ResumePosition.FromOperationTime(now);
            operationTime = now;
        }

        var pipeline = DecidePipeline();
        var watchOptions = ChangeStreamOptionsFactory.Build(_options, start.Kind, start.Position?.Token, operationTime);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var from = captured?.Describe() ?? start.Position?.Describe() ?? "now";
            SourceLog.Opening(_logger, _target.Description, from, start.Reason);
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var stages = "[" + string.Join(", ", _stages!.Select(stage => ExtendedJsonWriter.ToJson(stage, ExtendedJsonMode.Relaxed))) + "]";
            SourceLog.Pipeline(_logger, stages);
        }

        try
        {
            _cursor = _target.Watch(_connection.Client, pipeline, watchOptions, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The first batch comes with the open: an event over 16 MB can fail it as well as a later read.
            var failure = ExplainedTranslation(error, $"Opening the change stream on {_target.Description}");
            var reason = failure is MongoFailureException mongo ? mongo.Reason : failure.Message;
            SourceLog.OpenFailed(_logger, _target.Description, reason);
            throw failure;
        }

        SourceLog.Opened(_logger, _target.Description);
        return captured;
    }

    public ChangeStreamRead Read(out ReadOnlySpan<byte> changeEvent, CancellationToken cancellationToken)
    {
        var cursor = _cursor ?? throw new InvalidOperationException("The change stream is not open: call Open first.");
        ReleaseCurrent();
        LargeEventMemory.AfterEvent(ref _lastEventBytes);
        while (true)
        {
            if (_batch is { } batch)
            {
                if (batch.MoveNext())
                {
                    _current = batch.Current;
                    changeEvent = Bytes(_current);
                    if (_assembler is { } assembler && !Reassembled(assembler, ref changeEvent))
                    {
                        continue;
                    }

                    _invalidated = IsInvalidate(changeEvent);
                    _lastEventBytes = changeEvent.Length;
                    return ChangeStreamRead.Event;
                }

                batch.Dispose();
                _batch = null;
                if (_assembler is { InProgress: true })
                {
                    // The batch ended between two fragments of one event: its postBatchResumeToken lies inside the event,
                    // where no position may ever be committed. The next batch brings the next fragment.
                    continue;
                }
                if (_invalidated)
                {
                    // The batch's postBatchResumeToken is the invalidate event's own token, which only startAfter accepts:
                    // it must never be offered as an ordinary position. The caller reopens after the invalidate itself.
                    return Closed(out changeEvent);
                }

                // The batch is consumed: the cursor's resume token is now the batch's postBatchResumeToken (or, from a
                // server that sends none, the last event's token), which the caller may commit once all is acknowledged.
                _postBatchToken = cursor.GetResumeToken() is { } token ? token.ToBson() : [];
                changeEvent = default;
                return ChangeStreamRead.BatchEnd;
            }

            bool more;
            try
            {
                more = cursor.MoveNext(cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                throw ExplainedTranslation(error, $"Reading the change stream on {_target.Description}");
            }

            if (!more)
            {
                // The server closed the cursor: only an invalidate event does that to a change stream.
                return Closed(out changeEvent);
            }

            _batch = cursor.Current.GetEnumerator();
        }
    }

    public void Dispose() => Close();

    /// <summary>
    /// `cdc check`'s probe of the stream: opens it at <paramref name="start"/> exactly as <see cref="Open"/> does for
    /// `cdc run`, reads nothing, and closes it. Throws what <see cref="Open"/> throws, or <see cref="TimeoutException"/>
    /// when the open did not complete within <paramref name="limit"/>.
    /// </summary>
    public void ProbeOpen(StartPosition start, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            Open(start, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"opening the change stream on {_target.Description} did not complete within {limit.TotalSeconds:0.#} s");
        }
        finally
        {
            Close();
        }
    }

    /// <summary>
    /// At the first open: the stages the stream runs. With mongodb.splitLargeEvents=auto the server's version decides
    /// whether $changeStreamSplitLargeEvent ends them (buildInfo, once: a server that refuses the stage would refuse
    /// every open). A stream that ends with it, added here or by mongodb.pipeline, reassembles its fragments.
    /// </summary>
    private PipelineDefinition<ChangeStreamDocument<BsonDocument>, RawBsonDocument> DecidePipeline()
    {
        if (_pipeline is { } decided)
        {
            return decided;
        }

        var split = false;
        var userSplits = ChangeStreamPipeline.EndsWithSplitStage(_options);
        if (userSplits)
        {
            _whyLargeEventsFail = "the stream does split large events (mongodb.pipeline ends with $changeStreamSplitLargeEvent), but a single top-level field of this event is over 16 MB by itself, and fields are never split";
        }
        else if (_options.SplitLargeEvents == SplitLargeEventsMode.Off)
        {
            _whyLargeEventsFail = "mongodb.splitLargeEvents is off, so the server does not split it into fragments";
        }
        else
        {
            var version = ServerVersion() ?? "(version not reported)";
            split = SplitEventSupport.Supports(version);
            if (split)
            {
                SourceLog.SplittingLargeEvents(_logger, _target.Description, version);
                _whyLargeEventsFail = "the stream does split large events ($changeStreamSplitLargeEvent), but a single top-level field of this event is over 16 MB by itself, and fields are never split";
            }
            else
            {
                SourceLog.CannotSplitLargeEvents(_logger, version);
                _whyLargeEventsFail = $"MongoDB {version} cannot split it into fragments: $changeStreamSplitLargeEvent needs MongoDB 7.0 or later, or 6.0.9 or a later 6.0";
            }
        }

        _assembler = split || userSplits ? new SplitEventAssembler() : null;
        _stages = ChangeStreamPipeline.Build(_options, split);
        _pipeline = ChangeStreamOptionsFactory.Pipeline(_stages);
        return _pipeline;
    }

    /// <summary>
    /// buildInfo's version, for the split decision; a failure is the open's (named as such), except a refusal, which
    /// leaves the version unknown: the stream then opens without the stage, as on a server that lacks it.
    /// </summary>
    private string? ServerVersion()
    {
        try
        {
            return new MongoServerProbe(_connection).Version();
        }
        catch (MongoFailureException failure) when (failure.Kind == MongoFailureKind.Unauthorized)
        {
            return null;
        }
        catch (MongoFailureException failure)
        {
            throw new MongoFailureException(
                failure.Kind, $"Opening the change stream on {_target.Description} (reading the server's version with buildInfo)", failure.Reason, failure.Code, failure.CodeName, failure);
        }
    }

    /// <summary>
    /// Passes an event read from a splitting stream through the assembler: true with <paramref name="changeEvent"/> the
    /// event to hand out (as read, or the whole event when this was its last fragment); false when a fragment was kept.
    /// </summary>
    private bool Reassembled(SplitEventAssembler assembler, ref ReadOnlySpan<byte> changeEvent)
    {
        var starting = !assembler.InProgress;
        var step = assembler.Add(changeEvent, out var assembled);
        switch (step)
        {
            case SplitEventStep.Pending:
                if (starting)
                {
                    SourceLog.SplitEventStarted(_logger, assembler.FragmentCount, changeEvent.Length);
                }

                // The fragment was copied: its reply buffer goes back to the driver's pool now.
                ReleaseCurrent();
                return false;
            case SplitEventStep.Assembled:
                SourceLog.SplitEventAssembled(_logger, assembled.Length, assembler.LastFragmentCount);
                ReleaseCurrent();
                changeEvent = assembled;
                return true;
            default:
                return true;
        }
    }

    /// <summary>
    /// The failure of a read, translated; an event over 16 MB (BSONObjectTooLarge) also says why it was not split, since
    /// the fix depends on it.
    /// </summary>
    private Exception ExplainedTranslation(Exception error, string operation)
    {
        var failure = _connection.Translate(error, operation);
        return failure is MongoFailureException { Kind: MongoFailureKind.EventTooLarge } tooLarge && _whyLargeEventsFail.Length > 0
            ? new MongoFailureException(tooLarge.Kind, operation, $"{tooLarge.Reason}; {_whyLargeEventsFail}", tooLarge.Code, tooLarge.CodeName, error)
            : failure;
    }

    /// <summary>operationType follows _id in every event MongoDB sends, so this reads two elements.</summary>
    private static bool IsInvalidate(ReadOnlySpan<byte> changeEvent)
    {
        var reader = new Cdc.Schemas.Bson.BsonReader(changeEvent);
        while (reader.MoveNext())
        {
            if (reader.Current.NameEquals("operationType"u8))
            {
                return reader.Current.Type == Cdc.Schemas.Bson.BsonType.String && reader.Current.GetStringUtf8().SequenceEqual("invalidate"u8);
            }
        }

        return false;
    }

    private ChangeStreamRead Closed(out ReadOnlySpan<byte> changeEvent)
    {
        if (!_closedLogged)
        {
            SourceLog.Closed(_logger, _target.Description);
            _closedLogged = true;
        }

        changeEvent = default;
        return ChangeStreamRead.Closed;
    }

    /// <summary>
    /// The event's bytes: a span straight over the reply buffer's chunk when the event lies in one, else a copy into
    /// <see cref="_spanningEvent"/>. Valid until the next <see cref="Read"/>.
    /// </summary>
    private ReadOnlySpan<byte> Bytes(RawBsonDocument document)
    {
        var slice = document.Slice;
        var length = slice.Length;
        var backing = slice.AccessBackingBytes(0);
        if (backing.Count >= length)
        {
            return backing.AsSpan(0, length);
        }

        if (_spanningEvent.Length < length)
        {
            _spanningEvent = new byte[Math.Max(length, _spanningEvent.Length * 2)];
        }

        slice.GetBytes(0, _spanningEvent, 0, length);
        return _spanningEvent.AsSpan(0, length);
    }

    /// <summary>
    /// Each event holds a reference on the reply's pooled buffer chunks: give it back as soon as it is read. A copy buffer
    /// grown for a very large event (a fragment is up to 16 MiB) is let go too, so one such event does not pin its size.
    /// </summary>
    private void ReleaseCurrent()
    {
        _current?.Dispose();
        _current = null;
        if (_spanningEvent.Length > SplitEventAssembler.RetainedBytes)
        {
            _spanningEvent = new byte[64 * 1024];
        }
    }

    private void Close()
    {
        ReleaseCurrent();
        if (_batch is { } batch)
        {
            while (batch.MoveNext())
            {
                batch.Current.Dispose();
            }

            batch.Dispose();
            _batch = null;
        }

        // Disposing the cursor kills it on the server (killCursors); a failure there changes nothing for the connector.
        try
        {
            _cursor?.Dispose();
        }
#pragma warning disable CA1031 // The stream is being abandoned; its server cursor times out by itself if killCursors fails.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        _cursor = null;
        _assembler?.Reset();
        _postBatchToken = [];
        _invalidated = false;
        _closedLogged = false;
    }

    /// <summary>
    /// The server's operation time after a ping on admin, from a session (the driver records each reply's
    /// operationTime there). A replica set reports one; a standalone does not and cannot run change streams either,
    /// so its absence is reported as 40573 would be.
    /// </summary>
    private Cdc.Schemas.Bson.BsonTimestamp CurrentOperationTime(CancellationToken cancellationToken)
    {
        MongoDB.Bson.BsonTimestamp? time;
        try
        {
            var client = _connection.Client;
            using var session = client.StartSession(cancellationToken: cancellationToken);
            client.GetDatabase("admin").RunCommand<BsonDocument>(session, new BsonDocument("ping", 1), cancellationToken: cancellationToken);
            time = session.OperationTime;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            throw _connection.Translate(error, "Reading the server's current operation time (ping)");
        }

        return time is null
            ? throw new MongoFailureException(
                MongoFailureKind.UnsupportedDeployment,
                "Reading the server's current operation time (ping)",
                "the reply has no operationTime: change streams need a replica set or a sharded cluster, not a standalone server",
                null,
                null,
                null)
            : new Cdc.Schemas.Bson.BsonTimestamp((uint)time.Timestamp, (uint)time.Increment);
    }

    /// <summary>
    /// startAtOperationTime is inclusive and a reply's operationTime is the time of the server's last operation (a
    /// write made before the open), so the stream starts one increment later: every write after the open has a
    /// greater time, and the last one before it is not replayed (a transaction's writes share one time).
    /// </summary>
    private static Cdc.Schemas.Bson.BsonTimestamp JustAfter(Cdc.Schemas.Bson.BsonTimestamp time) =>
        time.Increment == uint.MaxValue ? new(time.Seconds + 1, 0) : time with { Increment = time.Increment + 1 };
}
