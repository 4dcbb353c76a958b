using Cdc.Connector.Checkpoint;
using Cdc.Connector.Configuration;
using Cdc.Connector.MongoDb;
using Cdc.Connector.Observability;
using Cdc.Connector.Pipeline;
using Cdc.Connector.Registry;
using Cdc.Connector.Sink;
using Cdc.Connector.Source;
using Cdc.Connector.Tests.MongoDb;
using Cdc.Schemas.Mapping;
using Confluent.Kafka;

namespace Cdc.Connector.Tests.Pipeline;

public sealed class FailureClassifierTests
{
    private const string Removal = "delete the file /var/lib/cdc/orders.json";
    private const string Position = "token 82AB";

    private static readonly PipelineSettings Fail = PipelineHarness.FastSettings with
    {
        Target = new CollectionWatchTarget("shop", "orders"),
        CheckpointRemovalHint = Removal,
    };

    private static readonly PipelineSettings FromNow = Fail with { RestartFromNowOnHistoryLost = true };

    [Theory]
    [InlineData(286, "ChangeStreamHistoryLost", "token 82AB is no longer in the oplog (ChangeStreamHistoryLost, code 286): the changes since then cannot be read")]
    [InlineData(136, "CappedPositionLost", "token 82AB is no longer in the oplog (CappedPositionLost, code 136): the changes since then cannot be read")]
    [InlineData(260, "InvalidResumeToken", "the server refuses token 82AB (InvalidResumeToken, code 260): it is not a position of this stream (another scope, pipeline or cluster?)")]
    [InlineData(280, "ChangeStreamFatalError", "the server refuses token 82AB (ChangeStreamFatalError, code 280): it is not a position of this stream (another scope, pipeline or cluster?)")]
    public void A_lost_or_invalid_position_stops_unless_restart_from_now_is_configured(int code, string codeName, string what)
    {
        var lost = DriverErrors.Server(code, codeName);

        var stop = FailureClassifier.Classify(lost, Fail, Position);
        var restart = FailureClassifier.Classify(lost, FromNow, Position);

        Assert.Equal((FailureAction.Stop, ErrorKinds.ResumePositionLost), (stop.Action, stop.ErrorKind));
        Assert.Equal("the change stream cannot resume: " + what, stop.Summary);
        Assert.Equal(MongoFailureAdvice.PositionLostFix(lost.Kind, Removal), stop.Fix);
        Assert.Contains("set mongodb.onHistoryLost=restartFromNow", stop.Line, StringComparison.Ordinal);
        Assert.Contains(Removal, stop.Line, StringComparison.Ordinal);
        Assert.Equal((FailureAction.RestartFromNow, ErrorKinds.ResumePositionLost), (restart.Action, restart.ErrorKind));
    }

    [Fact]
    public void A_restart_from_now_is_described_as_such_not_with_advice_to_set_what_is_already_set()
    {
        var verdict = FailureClassifier.Classify(DriverErrors.HistoryLost(), FromNow, Position);

        Assert.Equal(
            "the change stream cannot resume: token 82AB is no longer in the oplog (ChangeStreamHistoryLost, code 286): the changes since then cannot be read; "
            + "mongodb.onHistoryLost=restartFromNow: continuing from now",
            verdict.Line);
        Assert.Null(verdict.Fix);
        Assert.DoesNotContain("set mongodb.onHistoryLost", verdict.Line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_position_lost_before_anything_was_committed_names_the_start_position()
    {
        var verdict = FailureClassifier.Classify(DriverErrors.HistoryLost(), Fail, null);

        Assert.StartsWith("the change stream cannot resume: its start position is no longer in the oplog (ChangeStreamHistoryLost, code 286)", verdict.Summary, StringComparison.Ordinal);
    }

    /// <summary>Every <see cref="MongoFailureKind"/> with its action, its metric kind and the fix, by name (the types are internal).</summary>
    public static TheoryData<string, string, string, string?> EveryKind() => new()
    {
        { "Transient", "RestartFromCheckpoint", "source", null },
        { "Unreachable", "RestartFromCheckpoint", "source", MongoFailureAdvice.ReachFix },
        {
            "HistoryLost", "Stop", "resume_position_lost",
            $"set mongodb.onHistoryLost=restartFromNow (continues from now, skipping the lost changes) or {Removal} to start from mongodb.startAt; give the oplog a longer window so a stopped connector can resume"
        },
        {
            "InvalidToken", "Stop", "resume_position_lost",
            $"check that mongodb.uri, mongodb.scope and pipeline.name are those that saved it; otherwise set mongodb.onHistoryLost=restartFromNow or {Removal}"
        },
        { "Authentication", "Stop", "source", MongoFailureAdvice.AuthenticationFix },
        {
            "Unauthorized", "Stop", "source",
            "grant the connector's user the changeStream and find actions on {db: \"shop\", collection: \"orders\"} (the built-in read role on database shop has both)"
        },
        { "UnsupportedDeployment", "Stop", "source", MongoFailureAdvice.StandaloneFix },
        {
            "RejectedRequest", "Stop", "source",
            "the server refused the stream's pipeline or options: correct mongodb.pipeline (only $match, $project, $addFields, $set, $unset, $replaceRoot, $redact, and it must keep _id), mongodb.fullDocument, mongodb.fullDocumentBeforeChange, mongodb.collation or mongodb.showExpandedEvents"
        },
        {
            "ImageMissing", "Stop", "source",
            "enable pre- and post-images on the watched collections (collMod with changeStreamPreAndPostImages: {enabled: true}) or set mongodb.fullDocument / mongodb.fullDocumentBeforeChange to whenAvailable"
        },
        { "EventTooLarge", "Stop", "source", MongoFailureAdvice.EventTooLargeFix },
        { "ClientConfiguration", "Stop", "source", "correct mongodb.uri: the MongoDB driver cannot use it as it is (see the error)" },
    };

    [Fact]
    public void The_table_of_kinds_covers_every_kind()
    {
        var covered = EveryKind().Select(row => (string)row[0]).ToHashSet();

        Assert.All(Enum.GetNames<MongoFailureKind>(), name => Assert.Contains(name, covered));
    }

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Each_kind_of_MongoDB_failure_has_its_action_metric_kind_and_fix(string kind, string action, string errorKind, string? fix)
    {
        var failure = new MongoFailureException(Enum.Parse<MongoFailureKind>(kind), "Opening the change stream on collection shop.orders", "it failed (injected)", 1, "Injected", null);

        var verdict = FailureClassifier.Classify(failure, Fail, Position);

        Assert.Equal(Enum.Parse<FailureAction>(action), verdict.Action);
        Assert.Equal(errorKind, verdict.ErrorKind);
        Assert.Equal(fix, verdict.Fix);
        if (!failure.IsPositionLost)
        {
            Assert.Equal("Opening the change stream on collection shop.orders failed: it failed (injected)", verdict.Summary);
        }

        Assert.Equal(fix is null ? verdict.Summary : $"{verdict.Summary} — fix: {fix}", verdict.Line);
    }

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Restart_from_now_changes_only_what_happens_to_a_lost_position(string kind, string action, string errorKind, string? fix)
    {
        var failure = new MongoFailureException(Enum.Parse<MongoFailureKind>(kind), "Reading", "it failed (injected)", null, null, null);

        var verdict = FailureClassifier.Classify(failure, FromNow, Position);

        var expected = failure.IsPositionLost ? FailureAction.RestartFromNow : Enum.Parse<FailureAction>(action);
        Assert.Equal((expected, errorKind), (verdict.Action, verdict.ErrorKind));
        Assert.Equal(failure.IsPositionLost ? null : fix, verdict.Fix);
    }

    [Fact]
    public void A_server_selection_timeout_translated_at_the_boundary_counts_as_source_and_the_pipelines_own_timeout_as_kafka()
    {
        var selection = MongoFailureTranslator.Translate(new TimeoutException("A timeout occurred after 30000ms selecting a server."), "Opening the change stream on collection shop.orders");
        var acknowledgements = new TimeoutException("The invalidate event's records were not acknowledged within pipeline.shutdownGraceMs.");

        var source = FailureClassifier.Classify(selection, Fail, Position);
        var kafka = FailureClassifier.Classify(acknowledgements, Fail, Position);

        Assert.Equal((FailureAction.RestartFromCheckpoint, ErrorKinds.Source, MongoFailureAdvice.ReachFix), (source.Action, source.ErrorKind, source.Fix));
        Assert.Equal("Opening the change stream on collection shop.orders failed: no MongoDB server was usable after 30000 ms", source.Summary);
        Assert.Equal((FailureAction.RestartFromCheckpoint, ErrorKinds.Kafka, (string?)null), (kafka.Action, kafka.ErrorKind, kafka.Fix));
        Assert.Equal(acknowledgements.Message, kafka.Line);
    }

    [Fact]
    public void Transient_source_errors_and_failed_deliveries_restart_from_the_checkpoint()
    {
        (Exception Failure, string ErrorKind)[] cases =
        [
            (DriverErrors.Server(91, "ShutdownInProgress"), ErrorKinds.Source),
            (DriverErrors.ConnectionReset(), ErrorKinds.Source),
            (new KafkaDeliveryException("Local: Message timed out"), ErrorKinds.Kafka),
            (new KafkaException(new Error(ErrorCode.Local_Transport, "Local: Broker transport failure")), ErrorKinds.Kafka),
            (new TimeoutException("not acknowledged"), ErrorKinds.Kafka),
            (new RegistryRequestException("registry unreachable"), ErrorKinds.SchemaRegistry),
            (new CheckpointStoreException("disk full"), ErrorKinds.Checkpoint),
            (new IOException("broker transport failure"), ErrorKinds.Other),
        ];

        Assert.All(cases, c =>
        {
            var fail = FailureClassifier.Classify(c.Failure, Fail, Position);
            var fromNow = FailureClassifier.Classify(c.Failure, FromNow, Position);
            Assert.Equal((FailureAction.RestartFromCheckpoint, c.ErrorKind), (fail.Action, fail.ErrorKind));
            Assert.Equal((FailureAction.RestartFromCheckpoint, c.ErrorKind), (fromNow.Action, fromNow.ErrorKind));
            Assert.Equal(c.Failure.Message, fail.Summary);
        });
    }

    [Fact]
    public void A_transient_MongoDB_failure_calls_for_no_fix()
    {
        var verdict = FailureClassifier.Classify(DriverErrors.Server(91, "ShutdownInProgress"), Fail, Position);

        Assert.Null(verdict.Fix);
        Assert.Equal("Reading the change stream on collection shop.orders failed: Command getMore failed: ShutdownInProgress (injected by the test) (ShutdownInProgress, code 91)", verdict.Line);
    }

    [Fact]
    public void Failures_restarting_cannot_fix_stop()
    {
        (Exception Failure, string ErrorKind)[] cases =
        [
            (new RecordTooLargeException("record of 2 MB"), ErrorKinds.Event),
            (new DeadLetterUnavailableException("no dead-letter topic"), ErrorKinds.Event),
            (new UnresumableEventException("no _id"), ErrorKinds.Event),
            (new SchemaIdRegistrationException("409 incompatible"), ErrorKinds.SchemaRegistry),
            (new ConfigurationException("'mongodb.uri' is not valid."), ErrorKinds.Other),
            (new TopicCollisionException("the topic of collection shop.late is 'kafka.deadLetterTopic'"), ErrorKinds.Other),
            (new InvalidOperationException("a bug"), ErrorKinds.Other),
            (new ArgumentException("a bug"), ErrorKinds.Other),
            (new NotImplementedException("a bug"), ErrorKinds.Other),
            (DriverErrors.Server(13, "Unauthorized"), ErrorKinds.Source),
            (DriverErrors.Server(2, "BadValue"), ErrorKinds.Source),
        ];

        Assert.All(cases, c =>
        {
            var verdict = FailureClassifier.Classify(c.Failure, FromNow, Position);
            Assert.Equal((FailureAction.Stop, c.ErrorKind), (verdict.Action, verdict.ErrorKind));
        });
    }
}
