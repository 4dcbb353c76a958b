using Cdc.Cli.Check;
using Cdc.Connector.Checkpoint;
using Cdc.Connector.Configuration;
using Cdc.Connector.Registry;
using Cdc.Connector.Tests.MongoDb;

namespace Cdc.Connector.Tests.Check;

public sealed class RegistryAndResumeRulesTests
{
    [Fact]
    public void A_subject_without_versions_passes_as_registered_at_the_first_event()
    {
        var result = RegistryRules.Subject("cdc.shop.orders-key", "key", "cdc.shop.orders", "BACKWARD", null);

        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal("subject cdc.shop.orders-key", result.Name);
        Assert.Equal("not registered yet; the key schema of topic cdc.shop.orders is registered at its first event (compatibility level BACKWARD)", result.Detail);
    }

    [Fact]
    public void An_incompatible_subject_fails_with_the_registry_messages_and_the_fix()
    {
        var result = RegistryRules.Subject("t-value", "value", "t", "FULL", new SchemaCompatibilityResult(false, ["field a removed", "type changed"]));

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal("the connector's value schema is incompatible with the latest version under compatibility level FULL: field a removed; type changed", result.Detail);
        Assert.Equal("set the subject's compatibility to NONE (PUT /config/t-value), delete its old versions, or publish to another topic (kafka.topicPrefix / kafka.topics)", result.Fix);
    }

    [Fact]
    public void A_compatible_subject_passes()
    {
        var result = RegistryRules.Subject("t-value", "value", "t", "BACKWARD", new SchemaCompatibilityResult(true, []));

        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal("the connector's value schema is compatible with the latest version (compatibility level BACKWARD)", result.Detail);
    }

    [Theory]
    [InlineData(401, "credentials", "set schemaRegistry.basicAuth to user:password of a user the registry accepts")]
    [InlineData(403, "credentials", "grant the registry user read access")]
    [InlineData(null, "reachable", "check schemaRegistry.url and that the registry is up")]
    [InlineData(404, "reachable", "check that schemaRegistry.url is the registry's base URL")]
    [InlineData(500, "reachable", "check the registry's logs")]
    public void A_registry_that_does_not_answer_well_fails_with_the_fix_its_status_calls_for(int? status, string name, string fix)
    {
        var result = RegistryRules.Unreachable(new RegistryRequestException("Schema Registry get compatibility level failed", status, null, RegistryAuthKind.Basic));

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal(name, result.Name);
        Assert.StartsWith(fix, result.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stream_that_opens_at_the_position_is_resumable()
    {
        var result = ResumeRules.Evaluate(null, "the stored token 82AA", new CdcOptions());

        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal("the change stream opens at the stored token 82AA", result.Detail);
    }

    [Theory]
    [InlineData(286, "ChangeStreamHistoryLost")]
    [InlineData(136, "CappedPositionLost")]
    public void A_position_off_the_oplog_fails_with_both_fixes(int code, string codeName)
    {
        var options = new CdcOptions();
        options.Checkpoint.Path = "/var/lib/cdc/orders.json";
        var error = DriverErrors.Server(code, codeName);

        var result = ResumeRules.Evaluate(error, "the stored token 82AA", options);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal($"the stored token 82AA is no longer in the oplog ({codeName}, code {code}): the changes since then cannot be read", result.Detail);
        Assert.StartsWith("set mongodb.onHistoryLost=restartFromNow (continues from now, skipping the lost changes) or delete the file /var/lib/cdc/orders.json to start from mongodb.startAt", result.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(260, "InvalidResumeToken")]
    [InlineData(280, "ChangeStreamFatalError")]
    public void A_token_the_server_refuses_fails_naming_the_store_to_clear(int code, string codeName)
    {
        var options = new CdcOptions();
        options.Checkpoint.Store = CheckpointStoreKind.Kafka;
        options.Checkpoint.Topic = "cdc.checkpoints";
        options.Pipeline.Name = "orders";

        var result = ResumeRules.Evaluate(DriverErrors.Server(code, codeName), "the stored token 82AA", options);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.StartsWith($"the server refuses the stored token 82AA ({codeName}, code {code})", result.Detail, StringComparison.Ordinal);
        Assert.EndsWith("produce a tombstone (key 'orders', null value) to topic cdc.checkpoints", result.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void The_mongodb_store_hint_names_the_document()
    {
        var options = new CdcOptions();
        options.Checkpoint.Store = CheckpointStoreKind.MongoDb;
        options.Pipeline.Name = "orders";

        Assert.Equal("delete the document {_id: \"orders\"} from cdc.checkpoints", CheckpointRemoval.Hint(options));
    }
}
