using Cdc.Connector.Configuration;

namespace Cdc.Connector.Tests.Configuration;

public sealed class SetArgumentConfigurationTests
{
    [Fact]
    public void Dotted_keys_set_values_of_every_type()
    {
        var options = Load.FromSets(
            "mapping.json=canonical",
            "mapping.tombstonesOnDelete=false",
            "mongodb.batchSize=10",
            "mongodb.pipeline=[{\"$match\":{\"operationType\":\"delete\"}}]",
            "schemaRegistry.url=https://sr.example:8081");

        Assert.Equal("canonical", ConfigurationSchema.WordOf(options.Mapping.Json));
        Assert.False(options.Mapping.TombstonesOnDelete);
        Assert.Equal(10, options.MongoDb.BatchSize);
        Assert.Equal("""[{"$match":{"operationType":"delete"}}]""", options.MongoDb.Pipeline.ToJsonString());
        Assert.Equal("https://sr.example:8081", options.SchemaRegistry.Url);
    }

    [Fact]
    public void Map_entries_take_everything_after_the_map_name_dots_included()
    {
        var options = Load.FromSets("kafka.topics.shop.orders=orders-v2", "kafka.producer.linger.ms=5", "kafka.producer.queue.buffering.max.kbytes=1024");

        Assert.Equal("orders-v2", Assert.Single(options.Kafka.Topics, entry => entry.Key == "shop.orders").Value);
        Assert.Equal("5", options.Kafka.Producer["linger.ms"]);
        Assert.Equal("1024", options.Kafka.Producer["queue.buffering.max.kbytes"]);
    }

    [Fact]
    public void The_value_is_everything_after_the_first_equals_sign()
    {
        var options = Load.FromSets("mongodb.uri=mongodb://h:27017/?replicaSet=rs0&w=majority");

        Assert.Equal("mongodb://h:27017/?replicaSet=rs0&w=majority", options.MongoDb.Uri);
    }

    [Fact]
    public void An_unknown_key_is_named()
    {
        var problem = Assert.Single(Load.ProblemsFromSets("mapping.jsn=canonical"));

        Assert.Equal("Unknown configuration key 'mapping.jsn' (in --set mapping.jsn). Known keys in 'mapping': json, tombstonesOnDelete, keylessEvents, value, schemas, oversize. Did you mean 'mapping.json'?", problem);
    }

    [Fact]
    public void Keys_are_case_sensitive_with_a_hint()
    {
        var problem = Assert.Single(Load.ProblemsFromSets("Kafka.Topics.shop.orders=x"));

        Assert.Equal("Unknown configuration key 'Kafka.Topics.shop.orders' (in --set Kafka.Topics.shop.orders). Known sections: mongodb, kafka, schemaRegistry, mapping, snapshot, checkpoint, http, pipeline, logging, telemetry. Did you mean 'kafka.topics.shop.orders'?", problem);
    }

    [Fact]
    public void A_key_below_a_single_valued_key_is_unknown()
    {
        var problem = Assert.Single(Load.ProblemsFromSets("mapping.json.mode=canonical"));

        Assert.StartsWith("Unknown configuration key 'mapping.json.mode' (in --set mapping.json.mode).", problem);
    }

    [Fact]
    public void An_argument_without_equals_sign_is_rejected()
    {
        var problem = Assert.Single(Load.ProblemsFromSets("mapping.json"));

        Assert.Equal("--set expects key=value (e.g. --set mapping.json=canonical); got \"mapping.json\".", problem);
    }

    [Fact]
    public void An_argument_without_equals_sign_that_may_hold_a_secret_is_not_echoed()
    {
        var problem = Assert.Single(Load.ProblemsFromSets("schemaRegistry.basicAuth:user:hunter2"));

        Assert.Equal("--set expects key=value (e.g. --set mapping.json=canonical); got an argument without '='.", problem);
        Assert.DoesNotContain("hunter2", problem);
    }

    [Fact]
    public void A_whole_section_cannot_be_set()
    {
        var problem = Assert.Single(Load.ProblemsFromSets("mapping=canonical"));

        Assert.Equal("'mapping' is a section, not a key (in --set mapping); set one of its keys: json, tombstonesOnDelete, keylessEvents, value, schemas, oversize.", problem);
    }

    [Theory]
    [InlineData("kafka.topics=orders")]
    [InlineData("kafka.topics.=orders")]
    public void A_whole_map_cannot_be_set(string argument)
    {
        var problem = Assert.Single(Load.ProblemsFromSets(argument));

        Assert.StartsWith("'kafka.topics' is a map (in --set kafka.topics", problem);
        Assert.EndsWith("); set one entry with --set kafka.topics.<db.coll>=<topic>.", problem);
    }

    [Fact]
    public void Invalid_values_are_named_with_the_argument()
    {
        var problem = Assert.Single(Load.ProblemsFromSets("mapping.keylessEvents=drop"));

        Assert.Equal("'mapping.keylessEvents' must be one of namespaceKey, nullKey, skip; got \"drop\" (in --set mapping.keylessEvents).", problem);
    }
}
