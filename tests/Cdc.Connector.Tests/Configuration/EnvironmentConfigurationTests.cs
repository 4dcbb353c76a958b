using Cdc.Connector.Configuration;

namespace Cdc.Connector.Tests.Configuration;

public sealed class EnvironmentConfigurationTests
{
    [Fact]
    public void Section_and_key_names_ignore_case_and_map_to_the_documented_keys()
    {
        var options = Load.FromEnvironment(
            ("CDC__MONGODB__URI", "mongodb://h:27017"),
            ("CDC__MONGODB__BATCHSIZE", "50"),
            ("cdc__mapping__tombstonesOnDelete", "FALSE"),
            ("CDC__SCHEMAREGISTRY__SUBJECTNAMESTRATEGY", "RECORD"),
            ("CDC__KAFKA__BOOTSTRAPSERVERS", "k:9092"));

        Assert.Equal("mongodb://h:27017", options.MongoDb.Uri);
        Assert.Equal(50, options.MongoDb.BatchSize);
        Assert.False(options.Mapping.TombstonesOnDelete);
        Assert.Equal("record", ConfigurationSchema.WordOf(options.SchemaRegistry.SubjectNameStrategy));
        Assert.Equal("k:9092", options.Kafka.BootstrapServers);
    }

    [Fact]
    public void Producer_properties_are_lower_cased_with_underscores_read_as_dots()
    {
        var options = Load.FromEnvironment(
            ("CDC__KAFKA__PRODUCER__LINGER_MS", "5"),
            ("CDC__KAFKA__PRODUCER__SASL__USERNAME", "me"),
            ("CDC__KAFKA__PRODUCER__compression.type", "zstd"));

        Assert.Equal("5", options.Kafka.Producer["linger.ms"]);
        Assert.Equal("me", options.Kafka.Producer["sasl.username"]);
        Assert.Equal("zstd", options.Kafka.Producer["compression.type"]);
        Assert.Equal(3, options.Kafka.Producer.Count);
    }

    [Fact]
    public void Topic_overrides_keep_the_namespace_case_with_double_underscores_read_as_dots()
    {
        var options = Load.FromEnvironment(
            ("CDC__KAFKA__TOPICS__Shop__Orders", "orders-v2"),
            ("CDC__KAFKA__TOPICS__shop.line_items", "items"));

        Assert.Equal("orders-v2", options.Kafka.Topics["Shop.Orders"]);
        Assert.Equal("items", options.Kafka.Topics["shop.line_items"]);
    }

    [Fact]
    public void The_pipeline_is_one_json_array()
    {
        var options = Load.FromEnvironment(("CDC__MONGODB__PIPELINE", """[{"$match":{"ns.coll":"orders"}}]"""));

        Assert.Equal("""[{"$match":{"ns.coll":"orders"}}]""", options.MongoDb.Pipeline.ToJsonString());
    }

    [Fact]
    public void An_empty_value_clears_an_optional_key()
    {
        var options = Load.FromJson(
            """{ "kafka": { "bootstrapServers": "k:9092" } }""",
            Load.Environment(("CDC__KAFKA__BOOTSTRAPSERVERS", string.Empty)));

        Assert.Null(options.Kafka.BootstrapServers);
    }

    [Fact]
    public void An_unknown_key_names_the_variable()
    {
        var problem = Assert.Single(Load.ProblemsFromEnvironment(("CDC__MAPPING__JSN", "canonical")));

        Assert.Equal("Unknown configuration key 'mapping.JSN' (in environment variable CDC__MAPPING__JSN). Known keys in 'mapping': json, tombstonesOnDelete, keylessEvents, value, schemas, oversize. Did you mean 'mapping.json'?", problem);
    }

    [Fact]
    public void An_unknown_section_names_the_variable()
    {
        var problem = Assert.Single(Load.ProblemsFromEnvironment(("CDC__MONGO__URI", "mongodb://h")));

        Assert.Equal("Unknown configuration key 'MONGO.URI' (in environment variable CDC__MONGO__URI). Known sections: mongodb, kafka, schemaRegistry, mapping, snapshot, checkpoint, http, pipeline, logging, telemetry. Did you mean 'mongodb.uri'?", problem);
    }

    [Fact]
    public void A_variable_for_a_whole_section_is_rejected()
    {
        var problem = Assert.Single(Load.ProblemsFromEnvironment(("CDC__MAPPING", "canonical")));

        Assert.Equal("'mapping' is a section, not a key (in environment variable CDC__MAPPING); set one of its keys (json, tombstonesOnDelete, keylessEvents, value, schemas, oversize) with CDC__MAPPING__<KEY>.", problem);
    }

    [Fact]
    public void A_variable_for_a_whole_map_is_rejected()
    {
        var problem = Assert.Single(Load.ProblemsFromEnvironment(("CDC__KAFKA__PRODUCER", "linger.ms=5")));

        Assert.Equal("'kafka.producer' is a map (in environment variable CDC__KAFKA__PRODUCER); set one entry with CDC__KAFKA__PRODUCER__<NAME> (<librdkafka property>=<value>).", problem);
    }

    [Fact]
    public void A_key_with_a_level_too_many_is_unknown()
    {
        var problem = Assert.Single(Load.ProblemsFromEnvironment(("CDC__MAPPING__JSON__MODE", "canonical")));

        Assert.StartsWith("Unknown configuration key 'mapping.JSON.MODE' (in environment variable CDC__MAPPING__JSON__MODE).", problem);
    }

    [Fact]
    public void A_map_entry_with_an_empty_name_is_rejected()
    {
        var problem = Assert.Single(Load.ProblemsFromEnvironment(("CDC__KAFKA__TOPICS____", "x")));

        Assert.Equal("'kafka.topics' entry name from CDC__KAFKA__TOPICS____ is empty or has an empty part (in environment variable CDC__KAFKA__TOPICS____).", problem);
    }

    [Fact]
    public void A_wrong_type_names_the_variable()
    {
        var problem = Assert.Single(Load.ProblemsFromEnvironment(("CDC__MONGODB__BATCHSIZE", "ten")));

        Assert.Equal("'mongodb.batchSize' must be an integer ≥ 0; got \"ten\" (in environment variable CDC__MONGODB__BATCHSIZE).", problem);
    }

    [Fact]
    public void Invalid_pipeline_json_reports_its_position()
    {
        var problem = Assert.Single(Load.ProblemsFromEnvironment(("CDC__MONGODB__PIPELINE", "[{\"$match\": }]")));

        Assert.StartsWith("'mongodb.pipeline' must be a JSON array of aggregation stages like [{\"$match\": {…}}]; got invalid JSON (line 1, position 13: ", problem);
        Assert.EndsWith(") (in environment variable CDC__MONGODB__PIPELINE).", problem);
    }
}
