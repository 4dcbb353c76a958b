using Cdc.Connector.Interop.Mongoc;
using Cdc.Connector.Pipeline;
using Cdc.Connector.Sink;

namespace Cdc.Connector.Tests.Pipeline;

public sealed class FailurePolicyTests
{
    private static readonly PipelineSettings Fail = PipelineHarness.FastSettings;
    private static readonly PipelineSettings FromNow = PipelineHarness.FastSettings with { RestartFromNowOnHistoryLost = true };

    private static MongoException Mongo(int code, string name) => MongoErrorsForTests.Server(code, name);

    [Theory]
    [InlineData(286, "ChangeStreamHistoryLost")]
    [InlineData(260, "InvalidResumeToken")]
    [InlineData(280, "ChangeStreamFatalError")]
    public void A_lost_or_invalid_position_stops_unless_restart_from_now_is_configured(int code, string name)
    {
        Assert.Equal(FailureAction.Stop, FailurePolicy.Decide(Mongo(code, name), Fail));
        Assert.Equal(FailureAction.RestartFromNow, FailurePolicy.Decide(Mongo(code, name), FromNow));
        Assert.Contains("mongodb.onHistoryLost=restartFromNow", FailurePolicy.Describe(Mongo(code, name), "token 82AB"), StringComparison.Ordinal);
        Assert.Contains("token 82AB", FailurePolicy.Describe(Mongo(code, name), "token 82AB"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_restart_from_now_is_described_as_such_not_with_advice_to_set_what_is_already_set()
    {
        var lost = Mongo(286, "ChangeStreamHistoryLost");
        var described = FailurePolicy.Describe(lost, "token 82AB", FailurePolicy.Decide(lost, FromNow));
        Assert.Contains("token 82AB", described, StringComparison.Ordinal);
        Assert.Contains("286 ChangeStreamHistoryLost", described, StringComparison.Ordinal);
        Assert.Contains("mongodb.onHistoryLost=restartFromNow: continuing from now", described, StringComparison.Ordinal);
        Assert.DoesNotContain("Set mongodb.onHistoryLost", described, StringComparison.Ordinal);
        Assert.Contains("Set mongodb.onHistoryLost=restartFromNow", FailurePolicy.Describe(lost, "token 82AB", FailurePolicy.Decide(lost, Fail)), StringComparison.Ordinal);
    }

    [Fact]
    public void Transient_source_errors_and_failed_deliveries_restart_from_the_checkpoint()
    {
        Assert.Equal(FailureAction.RestartFromCheckpoint, FailurePolicy.Decide(Mongo(91, "ShutdownInProgress"), FromNow));
        Assert.Equal(FailureAction.RestartFromCheckpoint, FailurePolicy.Decide(new IOException("broker transport failure"), Fail));
        Assert.Equal(FailureAction.RestartFromCheckpoint, FailurePolicy.Decide(new TimeoutException("invalidate not acknowledged"), Fail));
    }

    [Fact]
    public void Failures_restarting_cannot_fix_stop()
    {
        Assert.Equal(FailureAction.Stop, FailurePolicy.Decide(new RecordTooLargeException(), FromNow));
        Assert.Equal(FailureAction.Stop, FailurePolicy.Decide(new DeadLetterUnavailableException(), FromNow));
        Assert.Equal(FailureAction.Stop, FailurePolicy.Decide(new SchemaIdRegistrationException(), FromNow));
        Assert.Equal(FailureAction.Stop, FailurePolicy.Decide(new UnresumableEventException(), FromNow));
    }
}
