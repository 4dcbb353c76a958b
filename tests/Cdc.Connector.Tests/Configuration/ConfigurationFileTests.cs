using Cdc.Connector.Configuration;
using MongoDB.Driver;

namespace Cdc.Connector.Tests.Configuration;

public sealed class ConfigurationFileTests
{
    private const string FullExample = """
        {
          // every documented key, none at its default
          "mongodb": { "uri": "mongodb://app:secret@db1:27017,db2:27017/?replicaSet=rs0", "scope": "collection",
                       "database": "shop", "collection": "orders", "pipeline": [ { "$match": { "operationType": "insert" } } ],
                       "fullDocument": "updateLookup", "fullDocumentBeforeChange": "whenAvailable",
                       "startAt": "timestamp:1700000000", "batchSize": 500, "maxAwaitTimeMs": 250 },
          "kafka": { "bootstrapServers": "k1:9092,k2:9092", "topicPrefix": "prod", "topics": { "shop.orders": "orders-v2" },
                     "producer": { "linger.ms": 5, "compression.type": "zstd", "enable.idempotence": true } },
          "schemaRegistry": { "url": "http://sr1:8081,http://sr2:8081", "basicAuth": "user:pw", "subjectNameStrategy": "topicRecord" },
          "mapping": { "json": "canonical", "tombstonesOnDelete": false, "keylessEvents": "skip" },
          "checkpoint": { "store": "kafka", "topic": "cdc-offsets", "intervalMs": 2000 },
          "http": { "port": 9090 },
        }
        """;

    [Fact]
    public void Every_documented_key_is_read_from_the_file()
    {
        var options = Load.FromJson(FullExample);

        Assert.Equal("mongodb://app:secret@db1:27017,db2:27017/?replicaSet=rs0", options.MongoDb.Uri);
        Assert.Equal("collection", ConfigurationSchema.WordOf(options.MongoDb.Scope));
        Assert.Equal("shop", options.MongoDb.Database);
        Assert.Equal("orders", options.MongoDb.Collection);
        Assert.Equal("""[{"$match":{"operationType":"insert"}}]""", options.MongoDb.Pipeline.ToJsonString());
        Assert.Equal("updateLookup", ConfigurationSchema.WordOf(options.MongoDb.FullDocument));
        Assert.Equal("whenAvailable", ConfigurationSchema.WordOf(options.MongoDb.FullDocumentBeforeChange));
        Assert.Equal("timestamp:1700000000", options.MongoDb.StartAt);
        Assert.Equal(500, options.MongoDb.BatchSize);
        Assert.Equal(250, options.MongoDb.MaxAwaitTimeMs);
        Assert.Equal("k1:9092,k2:9092", options.Kafka.BootstrapServers);
        Assert.Equal("prod", options.Kafka.TopicPrefix);
        Assert.Equal("orders-v2", options.Kafka.Topics["shop.orders"]);
        Assert.Equal("5", options.Kafka.Producer["linger.ms"]);
        Assert.Equal("zstd", options.Kafka.Producer["compression.type"]);
        Assert.Equal("true", options.Kafka.Producer["enable.idempotence"]);
        Assert.Equal("http://sr1:8081,http://sr2:8081", options.SchemaRegistry.Url);
        Assert.Equal("user:pw", options.SchemaRegistry.BasicAuth);
        Assert.Equal("topicRecord", ConfigurationSchema.WordOf(options.SchemaRegistry.SubjectNameStrategy));
        Assert.Equal("canonical", ConfigurationSchema.WordOf(options.Mapping.Json));
        Assert.False(options.Mapping.TombstonesOnDelete);
        Assert.Equal("skip", ConfigurationSchema.WordOf(options.Mapping.KeylessEvents));
        Assert.Equal("kafka", ConfigurationSchema.WordOf(options.Checkpoint.Store));
        Assert.Equal("cdc-offsets", options.Checkpoint.Topic);
        Assert.Equal(2000, options.Checkpoint.IntervalMs);
        Assert.Equal(9090, options.Http.Port);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"cdc-no-such-{Guid.NewGuid():N}.json");

        var ex = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(missing, [], Load.NoEnvironment));

        Assert.Equal($"Configuration file '{missing}' not found.", ex.Message);
    }

    [Fact]
    public void A_directory_instead_of_a_file_is_reported_as_unreadable()
    {
        var directory = Directory.CreateTempSubdirectory("cdc-config-dir-").FullName;
        try
        {
            var ex = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(directory, [], Load.NoEnvironment));

            Assert.StartsWith($"Configuration file '{directory}' cannot be read: ", ex.Message);
        }
        finally
        {
            Directory.Delete(directory);
        }
    }

    [Fact]
    public void Invalid_json_reports_line_and_position()
    {
        var problems = Load.ProblemsFromJson("{\n  \"mapping\": {\n    \"json\": relaxed\n  }\n}");

        var problem = Assert.Single(problems);
        Assert.StartsWith("Configuration file 'config.json' is not valid JSON at line 3, position 13: ", problem);
        Assert.DoesNotContain("LineNumber", problem);
    }

    [Fact]
    public void An_empty_file_is_invalid_json()
    {
        var problem = Assert.Single(Load.ProblemsFromJson(string.Empty));

        Assert.StartsWith("Configuration file 'config.json' is not valid JSON at line 1, position 1: ", problem);
    }

    [Fact]
    public void Duplicate_keys_are_rejected()
    {
        var problem = Assert.Single(Load.ProblemsFromJson("""{ "mapping": { "json": "relaxed", "json": "canonical" } }"""));

        Assert.Equal("Configuration file 'config.json' is not valid JSON: Duplicate property 'json' encountered during deserialization.", problem);
    }

    [Theory]
    [InlineData("[]", "an array")]
    [InlineData("\"mongodb\"", "\"mongodb\"")]
    [InlineData("42", "42")]
    public void A_root_that_is_not_an_object_is_rejected(string json, string got)
    {
        var problem = Assert.Single(Load.ProblemsFromJson(json));

        Assert.Equal($"Configuration file 'config.json' must contain a JSON object ({{ \"mongodb\": {{…}}, \"kafka\": {{…}}, … }}); got {got}.", problem);
    }

    [Fact]
    public void An_unknown_key_is_named_with_the_known_keys_of_its_section()
    {
        var problem = Assert.Single(Load.ProblemsFromJson("""{ "mapping": { "jsn": "canonical" } }"""));

        Assert.Equal("Unknown configuration key 'mapping.jsn' (in config.json). Known keys in 'mapping': json, tombstonesOnDelete, keylessEvents, value, schemas, oversize. Did you mean 'mapping.json'?", problem);
    }

    [Fact]
    public void An_unknown_section_is_named_with_the_known_sections()
    {
        var problem = Assert.Single(Load.ProblemsFromJson("""{ "mappings": { } }"""));

        Assert.Equal("Unknown configuration key 'mappings' (in config.json). Known sections: mongodb, kafka, schemaRegistry, mapping, snapshot, checkpoint, http, pipeline, logging, telemetry. Did you mean 'mapping'?", problem);
    }

    [Fact]
    public void A_key_in_the_wrong_case_points_at_the_documented_spelling()
    {
        var problems = Load.ProblemsFromJson("""{ "mongodb": { "batchsize": 5 }, "MAPPING": { } }""");

        Assert.Equal(
            [
                "Unknown configuration key 'mongodb.batchsize' (in config.json). Known keys in 'mongodb': uri, scope, database, collection, pipeline, fullDocument, fullDocumentBeforeChange, startAt, batchSize, maxAwaitTimeMs, includeNamespaces, excludeNamespaces, showExpandedEvents, collation, comment, onHistoryLost, onInvalidate, splitLargeEvents, tlsCAFile, tlsCertificateKeyFile. Did you mean 'mongodb.batchSize'?",
                "Unknown configuration key 'MAPPING' (in config.json). Known sections: mongodb, kafka, schemaRegistry, mapping, snapshot, checkpoint, http, pipeline, logging, telemetry. Did you mean 'mapping'?",
            ],
            problems);
    }

    [Fact]
    public void A_section_that_is_not_an_object_is_rejected()
    {
        var problem = Assert.Single(Load.ProblemsFromJson("""{ "http": 8080 }"""));

        Assert.Equal("'http' must be a JSON object of keys (enabled, host, port, liveView); got 8080 (in config.json).", problem);
    }

    [Theory]
    [InlineData("""{ "mongodb": { "batchSize": "ten" } }""", "'mongodb.batchSize' must be an integer ≥ 0; got \"ten\" (in config.json).")]
    [InlineData("""{ "mongodb": { "batchSize": -1 } }""", "'mongodb.batchSize' must be an integer ≥ 0; got -1 (in config.json).")]
    [InlineData("""{ "mongodb": { "maxAwaitTimeMs": 1.5 } }""", "'mongodb.maxAwaitTimeMs' must be an integer ≥ 0; got 1.5 (in config.json).")]
    [InlineData("""{ "mongodb": { "batchSize": 3000000000 } }""", "'mongodb.batchSize' must be an integer ≥ 0; got 3000000000 (in config.json).")]
    [InlineData("""{ "http": { "port": 70000 } }""", "'http.port' must be an integer between 0 and 65535; got 70000 (in config.json).")]
    [InlineData("""{ "checkpoint": { "intervalMs": 0 } }""", "'checkpoint.intervalMs' must be an integer ≥ 1; got 0 (in config.json).")]
    [InlineData("""{ "mapping": { "tombstonesOnDelete": "yes" } }""", "'mapping.tombstonesOnDelete' must be true or false; got \"yes\" (in config.json).")]
    [InlineData("""{ "mapping": { "json": "pretty" } }""", "'mapping.json' must be one of relaxed, canonical; got \"pretty\" (in config.json).")]
    [InlineData("""{ "mapping": { "json": 1 } }""", "'mapping.json' must be one of relaxed, canonical; got 1 (in config.json).")]
    [InlineData("""{ "mapping": { "keylessEvents": "drop" } }""", "'mapping.keylessEvents' must be one of namespaceKey, nullKey, skip; got \"drop\" (in config.json).")]
    [InlineData("""{ "mongodb": { "scope": "shard" } }""", "'mongodb.scope' must be one of cluster, database, collection; got \"shard\" (in config.json).")]
    [InlineData("""{ "mongodb": { "fullDocument": "always" } }""", "'mongodb.fullDocument' must be one of default, updateLookup, whenAvailable, required; got \"always\" (in config.json).")]
    [InlineData("""{ "mongodb": { "fullDocumentBeforeChange": "on" } }""", "'mongodb.fullDocumentBeforeChange' must be one of off, whenAvailable, required; got \"on\" (in config.json).")]
    [InlineData("""{ "schemaRegistry": { "subjectNameStrategy": "TopicNameStrategy" } }""", "'schemaRegistry.subjectNameStrategy' must be one of topic, record, topicRecord; got \"TopicNameStrategy\" (in config.json).")]
    [InlineData("""{ "checkpoint": { "store": "redis" } }""", "'checkpoint.store' must be one of file, kafka, mongodb; got \"redis\" (in config.json).")]
    [InlineData("""{ "kafka": { "bootstrapServers": ["a:9092"] } }""", "'kafka.bootstrapServers' must be a string; got an array (in config.json).")]
    [InlineData("""{ "mongodb": { "startAt": "earliest" } }""", "'mongodb.startAt' must be latest, timestamp:<seconds since the epoch>, resumeAfter:<token> or startAfter:<token> (a token is a resumeToken's hex string or its document as Extended JSON); got \"earliest\" (in config.json).")]
    [InlineData("""{ "mongodb": { "startAt": "timestamp:-5" } }""", "'mongodb.startAt' must be latest, timestamp:<seconds since the epoch>, resumeAfter:<token> or startAfter:<token> (a token is a resumeToken's hex string or its document as Extended JSON); got \"timestamp:-5\" (in config.json).")]
    [InlineData("""{ "mongodb": { "startAt": null } }""", "'mongodb.startAt' must be a string; got null (in config.json).")]
    [InlineData("""{ "schemaRegistry": { "url": "sr:8081" } }""", "'schemaRegistry.url' must be one or more http:// or https:// URLs separated by commas; got \"sr:8081\" (in config.json).")]
    [InlineData("""{ "schemaRegistry": { "url": "http://a:8081,ftp://b" } }""", "'schemaRegistry.url' must be one or more http:// or https:// URLs separated by commas; got \"http://a:8081,ftp://b\" (in config.json).")]
    [InlineData("""{ "kafka": { "topicPrefix": "my prefix" } }""", "'kafka.topicPrefix' must be a Kafka topic name: only letters, digits, '.', '_' and '-'; got \"my prefix\" (in config.json).")]
    [InlineData("""{ "checkpoint": { "store": "kafka", "topic": ".." } }""", "'checkpoint.topic' must be a Kafka topic name: 1 to 249 characters, not \".\" or \"..\"; got \"..\" (in config.json).")]
    [InlineData("""{ "mongodb": { "pipeline": { "$match": {} } } }""", "'mongodb.pipeline' must be a JSON array of aggregation stages like [{\"$match\": {…}}]; got an object (in config.json).")]
    [InlineData("""{ "mongodb": { "pipeline": [ { "$match": {} }, { "match": {} } ] } }""", "'mongodb.pipeline[1]' must be one aggregation stage, an object with a single \"$…\" field like {\"$match\": {…}}; got an object (in config.json).")]
    [InlineData("""{ "mongodb": { "pipeline": [ { "$match": {}, "$project": {} } ] } }""", "'mongodb.pipeline[0]' must be one aggregation stage, an object with a single \"$…\" field like {\"$match\": {…}}; got an object (in config.json).")]
    [InlineData("""{ "kafka": { "topics": [] } }""", "'kafka.topics' must be a JSON object of <db.coll>=<topic> entries; got an array (in config.json).")]
    [InlineData("""{ "kafka": { "producer": { "linger.ms": { "value": 5 } } } }""", "'kafka.producer.linger.ms' must be a string, number or boolean; got an object (in config.json).")]
    public void A_value_of_the_wrong_type_or_range_is_named_with_what_it_must_be(string json, string expected)
    {
        var problem = Assert.Single(Load.ProblemsFromJson(json));

        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Long_values_are_shortened_in_messages()
    {
        var problem = Assert.Single(Load.ProblemsFromJson($$"""{ "mapping": { "json": "{{new string('x', 200)}}" } }"""));

        Assert.Equal($"'mapping.json' must be one of relaxed, canonical; got \"{new string('x', 60)}…\" (in config.json).", problem);
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_at_once()
    {
        var problems = Load.ProblemsFromJson("""{ "mapping": { "json": "pretty", "jsn": 1 }, "http": { "port": "80" } }""");

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("'mapping.json' must be one of", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Unknown configuration key 'mapping.jsn'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("'http.port' must be an integer between 0 and 65535", StringComparison.Ordinal));
    }

    [Fact]
    public void Choice_values_ignore_case_and_are_stored_in_the_documented_spelling()
    {
        var options = Load.FromJson("""{ "mapping": { "json": "CANONICAL", "keylessEvents": "nullkey" }, "mongodb": { "fullDocument": "UPDATELOOKUP" } }""");

        Assert.Equal("canonical", ConfigurationSchema.WordOf(options.Mapping.Json));
        Assert.Equal("nullKey", ConfigurationSchema.WordOf(options.Mapping.KeylessEvents));
        Assert.Equal(ChangeStreamFullDocumentOption.UpdateLookup, options.MongoDb.FullDocument);
    }

    [Fact]
    public void Null_or_empty_optional_strings_mean_not_set()
    {
        var options = Load.FromJson("""{ "mongodb": { "database": null, "collection": "" }, "kafka": { "bootstrapServers": null } }""");

        Assert.Null(options.MongoDb.Database);
        Assert.Null(options.MongoDb.Collection);
        Assert.Null(options.Kafka.BootstrapServers);
    }

    [Fact]
    public void An_empty_topic_prefix_is_allowed()
    {
        Assert.Equal(string.Empty, Load.FromJson("""{ "kafka": { "topicPrefix": "" } }""").Kafka.TopicPrefix);
    }
}
