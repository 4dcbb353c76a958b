using Cdc.Cli.Check;
using Cdc.Connector.Configuration;

namespace Cdc.Connector.Tests.Check;

public sealed class SecretScrubberTests
{
    [Fact]
    public void Every_secret_of_the_configuration_is_masked_raw_and_percent_decoded()
    {
        var options = new CdcOptions();
        options.MongoDb.Uri = "mongodb://app:p%40ss@db1:27017,db2:27017/?replicaSet=rs0";
        options.SchemaRegistry.BasicAuth = "registry:reg-secret";
        options.SchemaRegistry.Url = "http://a:url-pass@registry1:8081, http://registry2:8081";
        options.Kafka.Producer["sasl.password"] = "kafka-pass";
        options.Kafka.Producer["ssl.key.password"] = "key-pass";
        options.Kafka.Producer["sasl.username"] = "kafka-user";

        var scrubber = SecretScrubber.From(options);
        var text = scrubber.Scrub("p%40ss p@ss reg-secret url-pass kafka-pass key-pass kafka-user");

        Assert.Equal("*** *** *** *** *** *** kafka-user", text);
    }

    [Fact]
    public void A_secret_containing_another_is_masked_whole()
    {
        var scrubber = new SecretScrubber(["abc", "abcdef"]);

        Assert.Equal("*** and ***", scrubber.Scrub("abcdef and abc"));
    }

    [Fact]
    public void A_configuration_without_secrets_changes_nothing()
    {
        var options = new CdcOptions();
        options.MongoDb.Uri = "mongodb://db1:27017/?replicaSet=rs0";
        options.SchemaRegistry.Url = "http://registry:8081";

        Assert.Equal("mongodb://db1:27017/?replicaSet=rs0", SecretScrubber.From(options).Scrub("mongodb://db1:27017/?replicaSet=rs0"));
    }
}
