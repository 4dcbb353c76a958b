using Cdc.Connector.Configuration.Keys;

namespace Cdc.Connector.Tests.Configuration;

/// <summary>The keys issue 11 added or widened: mongodb.collation, mongodb.comment, showExpandedEvents, startAt tokens, the driver's URI check.</summary>
public sealed class StreamOptionKeysTests
{
    private const string Token = "8265F0A1D2000000012B022C0100296E5A1004";

    [Fact]
    public void The_new_keys_are_unset_by_default()
    {
        var options = Load.FromSets();

        Assert.Null(options.MongoDb.Collation);
        Assert.Null(options.MongoDb.Comment);
        Assert.False(options.MongoDb.ShowExpandedEvents);
    }

    [Fact]
    public void A_collation_loads_as_an_object_from_the_file_and_as_json_text_from_set_and_the_environment()
    {
        var fromFile = Load.FromJson("""{ "mongodb": { "collation": { "locale": "fr", "strength": 2, "caseLevel": true } } }""");
        var fromSet = Load.FromSets("""mongodb.collation={"locale": "de", "numericOrdering": true}""");
        var fromEnvironment = Load.FromEnvironment(("CDC__MONGODB__COLLATION", """{"locale": "en_US", "alternate": "shifted", "maxVariable": "punct"}"""));

        Assert.Equal("""{"locale":"fr","strength":2,"caseLevel":true}""", fromFile.MongoDb.Collation!.ToJsonString());
        Assert.Equal("""{"locale":"de","numericOrdering":true}""", fromSet.MongoDb.Collation!.ToJsonString());
        Assert.Equal("en_US", CollationKey.ToCollation(fromEnvironment.MongoDb.Collation!).Locale);
    }

    [Fact]
    public void A_null_collation_in_the_file_is_the_servers_default()
    {
        Assert.Null(Load.FromJson("""{ "mongodb": { "collation": null } }""").MongoDb.Collation);
    }

    [Fact]
    public void An_empty_collation_from_the_environment_or_set_unsets_one_from_the_file()
    {
        const string File = """{ "mongodb": { "collation": { "locale": "fr" } } }""";

        Assert.Null(Load.FromJson(File, Load.Environment(("CDC__MONGODB__COLLATION", ""))).MongoDb.Collation);
        Assert.Null(Load.FromJson(File, null, "mongodb.collation=").MongoDb.Collation);
    }

    [Fact]
    public void A_collation_the_driver_would_refuse_is_a_configuration_error()
    {
        Assert.Equal(
            [
                "'mongodb.collation' is not a collation the MongoDB driver accepts (Element 'locale' missing when constructing a Collation object from a BsonDocument); got an object (in --set mongodb.collation).",
            ],
            Load.ProblemsFromSets("""mongodb.collation={"strength": 1}"""));
        Assert.Equal(
            ["'mongodb.collation' must be a collation document like {\"locale\": \"en\", \"strength\": 2}; got an array (in config.json)."],
            Load.ProblemsFromJson("""{ "mongodb": { "collation": [ { "locale": "fr" } ] } }"""));
    }

    [Fact]
    public void A_comment_loads_from_every_source()
    {
        Assert.Equal("orders-eu", Load.FromJson("""{ "mongodb": { "comment": "orders-eu" } }""").MongoDb.Comment);
        Assert.Equal("orders eu, v2", Load.FromSets("mongodb.comment=orders eu, v2").MongoDb.Comment);
        Assert.Equal("from-env", Load.FromEnvironment(("CDC__MONGODB__COMMENT", "from-env")).MongoDb.Comment);
    }

    [Fact]
    public void Expanded_events_are_accepted_now()
    {
        var options = Load.FromJson("""{ "mongodb": { "showExpandedEvents": true } }""");

        Assert.True(options.MongoDb.ShowExpandedEvents);
    }

    [Theory]
    [InlineData("resumeAfter:" + Token)]
    [InlineData("startAfter:" + Token)]
    [InlineData("""startAfter:{"_data": "8265F0A1D2000000012B022C0100296E5A1004"}""")]
    public void A_startAt_token_loads_as_written(string startAt)
    {
        Assert.Equal(startAt, Load.FromSets($"mongodb.startAt={startAt}").MongoDb.StartAt);
        Assert.Equal(startAt, Load.FromEnvironment(("CDC__MONGODB__STARTAT", startAt)).MongoDb.StartAt);
    }

    [Theory]
    [InlineData("mongodb://cdc:s3cret@db1,db2/?replicaSet=rs0&maxPoolSize=many", "maxPoolSize has an invalid int32 value of many", "mongodb://cdc:****@db1,db2/?replicaSet=rs0&maxPoolSize=many")]
    [InlineData("mongodb+srv://cdc:s3cret@a.example.net,b.example.net/", "Only 1 host is allowed when using the mongodb+srv scheme", "mongodb+srv://cdc:****@a.example.net,b.example.net/")]
    [InlineData("mongodb://cdc:s3cret@db1/?minPoolSize=10&maxPoolSize=5", "maxPoolSize must be greater than or equal to minPoolSize", "mongodb://cdc:****@db1/?minPoolSize=10&maxPoolSize=5")]
    public void A_uri_the_driver_refuses_is_refused_at_load_with_the_password_masked(string uri, string problem, string shown)
    {
        var error = Assert.Single(Load.ProblemsFromEnvironment(("CDC__MONGODB__URI", uri)));

        Assert.Equal($"'mongodb.uri' is not a connection string the MongoDB driver accepts: {problem}; got \"{shown}\" (in environment variable CDC__MONGODB__URI).", error);
        Assert.DoesNotContain("s3cret", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_uri_option_the_driver_does_not_know_is_not_a_load_error()
    {
        Assert.Equal("mongodb://db1/?bogusOption=1", Load.FromSets("mongodb.uri=mongodb://db1/?bogusOption=1").MongoDb.Uri);
    }
}
