using System.Text.Json.Nodes;
using Cdc.Cli.Check;
using Cdc.Connector.Configuration;
using Cdc.Connector.Tests.Configuration;
using MongoDB.Driver;

namespace Cdc.Connector.Tests.Check;

public sealed class LargeEventRulesTests
{
    [Theory]
    [InlineData("7.0.2", "auto", "required", "PASS", "split by MongoDB 7.0.2 ($changeStreamSplitLargeEvent) and reassembled")]
    [InlineData("6.0.9-cdc-sandbox", "auto", "default", "PASS", "split by MongoDB 6.0.9-cdc-sandbox")]
    [InlineData("6.0.5", "auto", "required", "WARN", "MongoDB 6.0.5 cannot split them")]
    [InlineData("5.0.14", "auto", "default", "PASS", "the stream asks for no whole documents")]
    [InlineData("7.0.2", "off", "required", "PASS", "mongodb.splitLargeEvents=off: such an event stops the connector")]
    public void What_becomes_of_an_event_over_16_MB_follows_the_server_and_the_setting(string version, string split, string beforeChange, string status, string detail)
    {
        var options = Load.FromSets($"mongodb.splitLargeEvents={split}", $"mongodb.fullDocumentBeforeChange={(beforeChange == "default" ? "off" : beforeChange)}").MongoDb;

        var result = LargeEventRules.Evaluate(version, options);

        Assert.Equal(status, CheckReport.StatusText(result.Status));
        Assert.Contains(detail, result.Detail, StringComparison.Ordinal);
        Assert.Equal(result.Status != CheckStatus.Pass, result.Fix is not null);
    }

    [Fact]
    public void A_pipeline_that_splits_by_itself_passes_on_any_server()
    {
        var options = new MongoDbOptions
        {
            FullDocumentBeforeChange = ChangeStreamFullDocumentBeforeChangeOption.Required,
            Pipeline = JsonNode.Parse("""[{"$changeStreamSplitLargeEvent": {}}]""")!.AsArray(),
        };

        var result = LargeEventRules.Evaluate("6.0.2", options);

        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Contains("mongodb.pipeline ends with $changeStreamSplitLargeEvent", result.Detail, StringComparison.Ordinal);
    }
}
