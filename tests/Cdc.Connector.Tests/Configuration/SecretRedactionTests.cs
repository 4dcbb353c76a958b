using Cdc.Connector.Configuration;

namespace Cdc.Connector.Tests.Configuration;

public sealed class SecretRedactionTests
{
    [Fact]
    public void A_malformed_mongodb_uri_is_shown_without_its_password()
    {
        var problem = Assert.Single(Load.ProblemsFromSets("mongodb.uri=http://admin:hunter2@db:27017/"));

        Assert.Equal("'mongodb.uri' must be a MongoDB connection string starting with mongodb:// or mongodb+srv://; got \"http://admin:****@db:27017/\" (in --set mongodb.uri).", problem);
    }

    [Fact]
    public void A_malformed_mongodb_uri_from_the_file_is_shown_without_its_password()
    {
        var problem = Assert.Single(Load.ProblemsFromJson("""{ "mongodb": { "uri": "admin:hunter2@db:27017" } }"""));

        Assert.DoesNotContain("hunter2", problem);
        Assert.Contains("got \"admin:****@db:27017\"", problem);
    }

    [Fact]
    public void Basic_auth_without_a_colon_is_rejected_without_echoing_it()
    {
        var problem = Assert.Single(Load.ProblemsFromSets("schemaRegistry.basicAuth=hunter2"));

        Assert.Equal("'schemaRegistry.basicAuth' must be user:password; got a value that is not shown (secret) (in --set schemaRegistry.basicAuth).", problem);
    }

    [Fact]
    public void Basic_auth_of_the_wrong_json_type_is_not_echoed()
    {
        var problems = Load.ProblemsFromJson("""{ "schemaRegistry": { "basicAuth": 123456 } }""");

        Assert.Equal("'schemaRegistry.basicAuth' must be a string; got a number (in config.json).", Assert.Single(problems));
    }

    [Fact]
    public void Basic_auth_from_the_environment_is_named_by_variable_only()
    {
        var problem = Assert.Single(Load.ProblemsFromEnvironment(("CDC__SCHEMAREGISTRY__BASICAUTH", "hunter2")));

        Assert.DoesNotContain("hunter2", problem);
        Assert.Contains("(in environment variable CDC__SCHEMAREGISTRY__BASICAUTH)", problem);
    }

    [Theory]
    [InlineData("mongodb://user:pass@host:27017/db", "mongodb://user:****@host:27017/db")]
    [InlineData("mongodb+srv://user:p@ss@cluster.example/?tls=true", "mongodb+srv://user:****@cluster.example/?tls=true")]
    [InlineData("mongodb://user@host/", "mongodb://user@host/")]
    [InlineData("mongodb://host:27017/?replicaSet=rs0", "mongodb://host:27017/?replicaSet=rs0")]
    [InlineData("mongodb://a:b@h1,h2", "mongodb://a:****@h1,h2")]
    [InlineData("/path", "/path")]
    [InlineData("mongodb://", "mongodb://")]
    public void The_uri_redactor_hides_only_the_password(string uri, string expected)
    {
        Assert.Equal(expected, MongoUriRedactor.Redact(uri));
    }
}
