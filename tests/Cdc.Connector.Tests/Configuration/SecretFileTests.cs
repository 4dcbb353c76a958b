using Cdc.Connector.Configuration;

namespace Cdc.Connector.Tests.Configuration;

/// <summary>CDC__SECTION__KEY_FILE=/path: the value comes from a mounted secret file (Kubernetes, Docker).</summary>
public sealed class SecretFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cdc-secrets-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_file_variable_sets_the_key_with_the_trailing_newline_trimmed()
    {
        var path = Secret("basic-auth", "registry-user:p@ss word\n");

        var options = Load.FromEnvironment(("CDC__SCHEMAREGISTRY__BASICAUTH_FILE", path));

        Assert.Equal("registry-user:p@ss word", options.SchemaRegistry.BasicAuth);
    }

    [Fact]
    public void Windows_line_endings_and_several_trailing_newlines_are_trimmed_but_inner_ones_kept()
    {
        var path = Secret("uri", "mongodb://u:pw@h1:27017/?replicaSet=rs0\r\n\r\n");

        var options = Load.FromEnvironment(("CDC__MONGODB__URI_FILE", path));

        Assert.Equal("mongodb://u:pw@h1:27017/?replicaSet=rs0", options.MongoDb.Uri);
    }

    [Fact]
    public void A_producer_property_can_come_from_a_file()
    {
        var path = Secret("sasl", "kafka-secret\n");

        var options = Load.FromEnvironment(("CDC__KAFKA__PRODUCER__SASL_PASSWORD_FILE", path), ("CDC__KAFKA__PRODUCER__SASL_USERNAME", "cdc"));

        Assert.Equal("kafka-secret", options.Kafka.Producer["sasl.password"]);
        Assert.Equal("cdc", options.Kafka.Producer["sasl.username"]);
    }

    [Fact]
    public void The_suffix_ignores_case_like_the_rest_of_the_variable_name()
    {
        var path = Secret("json", "canonical");

        var options = Load.FromEnvironment(("cdc__mapping__json_file", path));

        Assert.Equal("canonical", ConfigurationSchema.WordOf(options.Mapping.Json));
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_the_variable_and_the_path()
    {
        var path = Path.Combine(_directory, "absent");

        var problem = Assert.Single(Load.ProblemsFromEnvironment(("CDC__SCHEMAREGISTRY__BASICAUTH_FILE", path)));

        Assert.Equal($"Environment variable CDC__SCHEMAREGISTRY__BASICAUTH_FILE names the file '{path}', which does not exist.", problem);
    }

    [Fact]
    public void A_file_in_a_missing_directory_is_reported_as_missing()
    {
        var path = Path.Combine(_directory, "no-such-dir", "secret");

        var problem = Assert.Single(Load.ProblemsFromEnvironment(("CDC__MONGODB__URI_FILE", path)));

        Assert.Equal($"Environment variable CDC__MONGODB__URI_FILE names the file '{path}', which does not exist.", problem);
    }

    [Fact]
    public void A_directory_instead_of_a_file_is_an_error()
    {
        var problem = Assert.Single(Load.ProblemsFromEnvironment(("CDC__MONGODB__URI_FILE", _directory)));

        Assert.Equal($"Environment variable CDC__MONGODB__URI_FILE names '{_directory}', which cannot be read (permission denied, or a directory).", problem);
    }

    [Fact]
    public void An_empty_file_variable_is_an_error()
    {
        var problem = Assert.Single(Load.ProblemsFromEnvironment(("CDC__MONGODB__URI_FILE", string.Empty)));

        Assert.Equal("Environment variable CDC__MONGODB__URI_FILE is empty: it must name the file that holds the value.", problem);
    }

    [Fact]
    public void A_value_and_a_file_for_the_same_key_are_an_error_naming_both_and_showing_neither()
    {
        var path = Secret("basic-auth", "from-file:secret-one");

        var problem = Assert.Single(Load.ProblemsFromEnvironment(
            ("CDC__SCHEMAREGISTRY__BASICAUTH", "from-env:secret-two"),
            ("CDC__SCHEMAREGISTRY__BASICAUTH_FILE", path)));

        Assert.Equal(
            "Environment variables CDC__SCHEMAREGISTRY__BASICAUTH and CDC__SCHEMAREGISTRY__BASICAUTH_FILE both set the same key: keep one (CDC__SCHEMAREGISTRY__BASICAUTH_FILE reads the value from a file).",
            problem);
    }

    [Fact]
    public void The_conflict_is_found_whatever_the_case_of_the_two_names()
    {
        var path = Secret("uri", "mongodb://h");

        var problem = Assert.Single(Load.ProblemsFromEnvironment(("cdc__mongodb__uri", "mongodb://other"), ("CDC__MONGODB__URI_FILE", path)));

        Assert.StartsWith("Environment variables cdc__mongodb__uri and CDC__MONGODB__URI_FILE both set the same key", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_secret_from_a_file_names_the_file_and_variable_but_not_the_content()
    {
        var path = Secret("basic-auth", "no-colon-secret\n");

        var problem = Assert.Single(Load.ProblemsFromEnvironment(("CDC__SCHEMAREGISTRY__BASICAUTH_FILE", path)));

        Assert.Equal(
            $"'schemaRegistry.basicAuth' must be user:password; got a value that is not shown (secret) (in file {path} named by environment variable CDC__SCHEMAREGISTRY__BASICAUTH_FILE).",
            problem);
    }

    [Fact]
    public void A_bad_uri_from_a_file_is_shown_without_its_password()
    {
        var path = Secret("uri", "http://admin:file-pass@db/\n");

        var problem = Assert.Single(Load.ProblemsFromEnvironment(("CDC__MONGODB__URI_FILE", path)));

        Assert.Equal(
            $"'mongodb.uri' must be a MongoDB connection string starting with mongodb:// or mongodb+srv://; got \"http://admin:****@db/\" (in file {path} named by environment variable CDC__MONGODB__URI_FILE).",
            problem);
    }

    [Fact]
    public void A_file_variable_for_an_unknown_key_is_reported_as_that_key()
    {
        var path = Secret("x", "1");

        var problem = Assert.Single(Load.ProblemsFromEnvironment(("CDC__MAPPING__JSNO_FILE", path)));

        Assert.Equal(
            $"Unknown configuration key 'mapping.JSNO' (in file {path} named by environment variable CDC__MAPPING__JSNO_FILE). Known keys in 'mapping': json, tombstonesOnDelete, keylessEvents, value, schemas, oversize. Did you mean 'mapping.json'?",
            problem);
    }

    [Fact]
    public void A_set_argument_still_overrides_a_value_from_a_file()
    {
        var path = Secret("json", "canonical");

        var options = Cdc.Connector.Configuration.ConfigurationLoader.Load(null, ["mapping.json=relaxed"], Load.Environment(("CDC__MAPPING__JSON_FILE", path)));

        Assert.Equal("relaxed", ConfigurationSchema.WordOf(options.Mapping.Json));
    }

    [Fact]
    public void A_set_argument_with_at_file_reads_the_value_from_the_file()
    {
        var path = Secret("sasl", "kafka-secret\n");

        var options = Load.FromSets($"kafka.producer.sasl.password@file={path}", $"schemaRegistry.basicAuth@file={Secret("auth", "u:p\n")}");

        Assert.Equal("kafka-secret", options.Kafka.Producer["sasl.password"]);
        Assert.Equal("u:p", options.SchemaRegistry.BasicAuth);
    }

    [Fact]
    public void A_set_argument_with_a_missing_file_names_the_argument_and_the_path()
    {
        var path = Path.Combine(_directory, "absent");

        var problem = Assert.Single(Load.ProblemsFromSets($"mongodb.uri@file={path}"));

        Assert.Equal($"--set mongodb.uri@file names the file '{path}', which does not exist.", problem);
    }

    [Fact]
    public void A_bad_secret_from_a_set_file_names_the_file_and_argument_but_not_the_content()
    {
        var path = Secret("basic-auth", "no-colon-secret");

        var problem = Assert.Single(Load.ProblemsFromSets($"schemaRegistry.basicAuth@file={path}"));

        Assert.Equal(
            $"'schemaRegistry.basicAuth' must be user:password; got a value that is not shown (secret) (in file {path} named by --set schemaRegistry.basicAuth@file).",
            problem);
    }

    [Fact]
    public void The_later_of_a_set_value_and_a_set_file_wins_like_any_repeated_set()
    {
        var path = Secret("json", "canonical");

        Assert.Equal("canonical", ConfigurationSchema.WordOf(Load.FromSets("mapping.json=relaxed", $"mapping.json@file={path}").Mapping.Json));
        Assert.Equal("relaxed", ConfigurationSchema.WordOf(Load.FromSets($"mapping.json@file={path}", "mapping.json=relaxed").Mapping.Json));
    }

    private string Secret(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
