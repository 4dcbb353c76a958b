using Cdc.Connector.Configuration;

namespace Cdc.Connector.Tests.Configuration;

/// <summary>The keys issue 4 added (namespace filters, stream policies, dead letters, the mongodb checkpoint collection, pipeline.*).</summary>
public sealed class NewKeysTests
{
    [Fact]
    public void The_new_keys_have_their_documented_defaults()
    {
        var options = Load.FromSets();

        Assert.Empty(options.MongoDb.IncludeNamespaces);
        Assert.Empty(options.MongoDb.ExcludeNamespaces);
        Assert.False(options.MongoDb.ShowExpandedEvents);
        Assert.Equal("fail", ConfigurationSchema.WordOf(options.MongoDb.OnHistoryLost));
        Assert.Equal("reopen", ConfigurationSchema.WordOf(options.MongoDb.OnInvalidate));
        Assert.Null(options.Kafka.DeadLetterTopic);
        Assert.Null(options.Checkpoint.Collection);
        Assert.Equal("cdc", options.Pipeline.Name);
        Assert.Equal(20_000, options.Pipeline.MaxInFlightEvents);
        Assert.Equal(64 * 1024 * 1024, options.Pipeline.MaxInFlightBytes);
        Assert.Equal(30_000, options.Pipeline.ShutdownGraceMs);
        Assert.Equal(500, options.Pipeline.RestartBackoffMs);
        Assert.Equal(30_000, options.Pipeline.RestartBackoffMaxMs);
    }

    [Fact]
    public void Namespace_filters_load_from_a_json_array()
    {
        var options = Load.FromJson("""{ "mongodb": { "includeNamespaces": ["shop", "crm.users"], "excludeNamespaces": ["shop.audit"] } }""");

        Assert.Equal(["shop", "crm.users"], options.MongoDb.IncludeNamespaces);
        Assert.Equal(["shop.audit"], options.MongoDb.ExcludeNamespaces);
    }

    [Fact]
    public void Namespace_filters_load_from_a_comma_list_or_a_json_array_in_set_and_environment()
    {
        var fromSet = Load.FromSets("mongodb.includeNamespaces=shop, crm.users", "mongodb.excludeNamespaces=[\"shop.audit\"]");
        var fromEnvironment = Load.FromEnvironment(("CDC__MONGODB__INCLUDENAMESPACES", "shop,crm.users"), ("CDC__MONGODB__EXCLUDENAMESPACES", "[\"shop.audit\"]"));

        Assert.Equal(["shop", "crm.users"], fromSet.MongoDb.IncludeNamespaces);
        Assert.Equal(["shop.audit"], fromSet.MongoDb.ExcludeNamespaces);
        Assert.Equal(["shop", "crm.users"], fromEnvironment.MongoDb.IncludeNamespaces);
        Assert.Equal(["shop.audit"], fromEnvironment.MongoDb.ExcludeNamespaces);
    }

    [Fact]
    public void An_empty_set_value_clears_a_namespace_filter()
    {
        var options = Load.FromJson("""{ "mongodb": { "includeNamespaces": ["shop"] } }""", null, "mongodb.includeNamespaces=");

        Assert.Empty(options.MongoDb.IncludeNamespaces);
    }

    [Fact]
    public void Bad_namespace_items_are_each_reported_with_their_index()
    {
        var problems = Load.ProblemsFromSets("mongodb.includeNamespaces=shop,.orders,crm.,a$b");

        Assert.Equal(
            [
                "'mongodb.includeNamespaces[1]' must be a database name or <database>.<collection>; got \".orders\" (in --set mongodb.includeNamespaces).",
                "'mongodb.includeNamespaces[2]' must be a database name or <database>.<collection>; got \"crm.\" (in --set mongodb.includeNamespaces).",
                "'mongodb.includeNamespaces[3]' must be a database name or <database>.<collection>; got \"a$b\" (in --set mongodb.includeNamespaces).",
            ],
            problems);
    }

    [Fact]
    public void A_namespace_filter_that_is_not_an_array_of_strings_is_refused()
    {
        Assert.Equal(
            [
                "'mongodb.includeNamespaces' must be a JSON array of strings (or, from the environment and --set, a comma-separated list); got \"shop\" (in config.json).",
                "'mongodb.excludeNamespaces[1]' must be a string; got 5 (in config.json).",
            ],
            Load.ProblemsFromJson("""{ "mongodb": { "includeNamespaces": "shop", "excludeNamespaces": ["a", 5] } }"""));
    }

    [Fact]
    public void Invalid_json_array_text_in_set_is_refused()
    {
        var problem = Assert.Single(Load.ProblemsFromSets("mongodb.excludeNamespaces=[\"shop\""));

        Assert.StartsWith("'mongodb.excludeNamespaces' must be a JSON array of strings (or, from the environment and --set, a comma-separated list); got invalid JSON (", problem);
        Assert.EndsWith(") (in --set mongodb.excludeNamespaces).", problem);
    }

    [Fact]
    public void A_namespace_both_included_and_excluded_is_contradictory()
    {
        var problem = Assert.Single(Load.ProblemsFromSets("mongodb.includeNamespaces=shop,crm", "mongodb.excludeNamespaces=crm"));

        Assert.Equal("'crm' is in both 'mongodb.includeNamespaces' and 'mongodb.excludeNamespaces'.", problem);
    }

    [Theory]
    [InlineData("mongodb.includeNamespaces=shop")]
    [InlineData("mongodb.excludeNamespaces=shop.audit")]
    public void Namespace_filters_on_a_collection_scope_are_contradictory(string filter)
    {
        var problem = Assert.Single(Load.ProblemsFromSets("mongodb.scope=collection", "mongodb.database=shop", "mongodb.collection=orders", filter));

        Assert.Equal("'mongodb.includeNamespaces' and 'mongodb.excludeNamespaces' filter a database or cluster stream, but 'mongodb.scope' is collection: remove them.", problem);
    }

    [Fact]
    public void Stream_policies_and_expanded_events_load()
    {
        var options = Load.FromSets("mongodb.showExpandedEvents=true", "mongodb.onHistoryLost=restartFromNow", "mongodb.onInvalidate=stop");

        Assert.True(options.MongoDb.ShowExpandedEvents);
        Assert.Equal("restartFromNow", ConfigurationSchema.WordOf(options.MongoDb.OnHistoryLost));
        Assert.Equal("stop", ConfigurationSchema.WordOf(options.MongoDb.OnInvalidate));
    }

    [Fact]
    public void Bad_stream_policies_name_the_choices()
    {
        Assert.Equal(
            [
                "'mongodb.showExpandedEvents' must be true or false; got \"yes\" (in config.json).",
                "'mongodb.onHistoryLost' must be one of fail, restartFromNow; got \"ignore\" (in config.json).",
                "'mongodb.onInvalidate' must be one of reopen, stop; got \"resume\" (in config.json).",
            ],
            Load.ProblemsFromJson("""{ "mongodb": { "showExpandedEvents": "yes", "onHistoryLost": "ignore", "onInvalidate": "resume" } }"""));
    }

    [Fact]
    public void The_dead_letter_topic_loads_and_must_be_a_topic_name()
    {
        Assert.Equal("cdc.dlq", Load.FromEnvironment(("CDC__KAFKA__DEADLETTERTOPIC", "cdc.dlq")).Kafka.DeadLetterTopic);

        var problem = Assert.Single(Load.ProblemsFromSets("kafka.deadLetterTopic=dead letters"));

        Assert.Equal("'kafka.deadLetterTopic' must be a Kafka topic name: only letters, digits, '.', '_' and '-'; got \"dead letters\" (in --set kafka.deadLetterTopic).", problem);
    }

    [Fact]
    public void The_checkpoint_collection_loads_for_the_mongodb_store()
    {
        var options = Load.FromSets("checkpoint.store=mongodb", "checkpoint.collection=ops.offsets");

        Assert.Equal("ops.offsets", options.Checkpoint.Collection);
    }

    [Theory]
    [InlineData("offsets")]
    [InlineData(".offsets")]
    [InlineData("ops.")]
    public void The_checkpoint_collection_must_be_database_dot_collection(string value)
    {
        var problem = Assert.Single(Load.ProblemsFromSets("checkpoint.store=mongodb", $"checkpoint.collection={value}"));

        Assert.Equal($"'checkpoint.collection' must be <database>.<collection>; got \"{value}\" (in --set checkpoint.collection).", problem);
    }

    [Theory]
    [InlineData("file", "'checkpoint.collection' is set, but 'checkpoint.store' is file: the collection is only used by the mongodb store.")]
    [InlineData("kafka", "'checkpoint.collection' is set, but 'checkpoint.store' is kafka: the collection is only used by the mongodb store.")]
    public void A_checkpoint_collection_with_a_store_other_than_mongodb_is_contradictory(string store, string expected)
    {
        var problem = Assert.Single(Load.ProblemsFromSets($"checkpoint.store={store}", "checkpoint.collection=ops.offsets"));

        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Pipeline_keys_load_from_every_source()
    {
        var options = Load.FromJson(
            """{ "pipeline": { "name": "orders-eu_1.v2", "maxInFlightEvents": 1, "maxInFlightBytes": 1048576 } }""",
            Load.Environment(("CDC__PIPELINE__SHUTDOWNGRACEMS", "0"), ("CDC__PIPELINE__RESTARTBACKOFFMS", "250")),
            "pipeline.restartBackoffMaxMs=250");

        Assert.Equal("orders-eu_1.v2", options.Pipeline.Name);
        Assert.Equal(1, options.Pipeline.MaxInFlightEvents);
        Assert.Equal(1_048_576, options.Pipeline.MaxInFlightBytes);
        Assert.Equal(0, options.Pipeline.ShutdownGraceMs);
        Assert.Equal(250, options.Pipeline.RestartBackoffMs);
        Assert.Equal(250, options.Pipeline.RestartBackoffMaxMs);
    }

    [Theory]
    [InlineData("orders eu")]
    [InlineData("orders/eu")]
    [InlineData("ördérs")]
    public void A_pipeline_name_outside_the_safe_alphabet_is_refused(string name)
    {
        var problem = Assert.Single(Load.ProblemsFromSets($"pipeline.name={name}"));

        Assert.Equal($"'pipeline.name' must be 1 to 100 characters of [A-Za-z0-9._-]; got \"{name}\" (in --set pipeline.name).", problem);
    }

    [Fact]
    public void A_pipeline_name_longer_than_100_characters_is_refused()
    {
        var name = new string('a', 101);

        var problem = Assert.Single(Load.ProblemsFromSets($"pipeline.name={name}"));

        Assert.StartsWith("'pipeline.name' must be 1 to 100 characters of [A-Za-z0-9._-]; got \"aaaa", problem);
        Assert.Equal(name, Load.FromSets($"pipeline.name={name[..100]}").Pipeline.Name + "a");
    }

    [Fact]
    public void Pipeline_bounds_below_their_minimums_are_refused()
    {
        Assert.Equal(
            [
                "'pipeline.maxInFlightEvents' must be an integer ≥ 1; got 0 (in config.json).",
                "'pipeline.maxInFlightBytes' must be an integer ≥ 1048576; got 1048575 (in config.json).",
                "'pipeline.shutdownGraceMs' must be an integer ≥ 0; got -1 (in config.json).",
                "'pipeline.restartBackoffMs' must be an integer ≥ 1; got 0 (in config.json).",
                "'pipeline.restartBackoffMaxMs' must be an integer ≥ 1; got 0 (in config.json).",
            ],
            Load.ProblemsFromJson("""{ "pipeline": { "maxInFlightEvents": 0, "maxInFlightBytes": 1048575, "shutdownGraceMs": -1, "restartBackoffMs": 0, "restartBackoffMaxMs": 0 } }"""));
    }

    [Fact]
    public void A_restart_backoff_ceiling_below_the_first_delay_is_contradictory()
    {
        var problem = Assert.Single(Load.ProblemsFromSets("pipeline.restartBackoffMs=2000", "pipeline.restartBackoffMaxMs=1000"));

        Assert.Equal("'pipeline.restartBackoffMaxMs' (1000) must not be below 'pipeline.restartBackoffMs' (2000).", problem);
    }
}
