using System.Text.Json;
using Cdc.Connector.Configuration;

namespace Cdc.Connector.Tests.Configuration;

/// <summary>No secret value may reach an error, a log line or the printed configuration.</summary>
public sealed class SecretRedactorTests
{
    private const string UriPassword = "Uri-Pa55!";
    private const string BasicAuthPassword = "Registry-Pa55";
    private const string SaslPassword = "Sasl-Pa55";
    private const string KeyPassword = "Key-Pa55";
    private const string KeystorePassword = "Keystore-Pa55";
    private const string ClientSecret = "Oidc-Secret";
    private const string KeyPem = "-----BEGIN PRIVATE KEY-----MIIE";

    private static readonly string[] Secrets = [UriPassword, BasicAuthPassword, SaslPassword, KeyPassword, KeystorePassword, ClientSecret, KeyPem, "registry-user"];

    [Fact]
    public void The_effective_configuration_masks_every_secret_and_keeps_everything_else()
    {
        var options = Load.FromSets(
            $"mongodb.uri=mongodb://cdc:{UriPassword}@db1:27017,db2:27017/?replicaSet=rs0",
            "kafka.bootstrapServers=k1:9092",
            $"schemaRegistry.basicAuth=registry-user:{BasicAuthPassword}",
            "schemaRegistry.url=https://registry.example",
            $"kafka.producer.sasl.password={SaslPassword}",
            $"kafka.producer.ssl.key.password={KeyPassword}",
            $"kafka.producer.ssl.keystore.password={KeystorePassword}",
            $"kafka.producer.sasl.oauthbearer.client.secret={ClientSecret}",
            $"kafka.producer.ssl.key.pem={KeyPem}",
            "kafka.producer.linger.ms=5",
            "kafka.topics.shop.orders=orders-v2");

        var text = SecretRedactor.Describe(options);

        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal("mongodb://cdc:****@db1:27017,db2:27017/?replicaSet=rs0", root.GetProperty("mongodb").GetProperty("uri").GetString());
        Assert.Equal("***", root.GetProperty("schemaRegistry").GetProperty("basicAuth").GetString());
        var producer = root.GetProperty("kafka").GetProperty("producer");
        Assert.Equal("***", producer.GetProperty("sasl.password").GetString());
        Assert.Equal("***", producer.GetProperty("ssl.key.password").GetString());
        Assert.Equal("***", producer.GetProperty("ssl.keystore.password").GetString());
        Assert.Equal("***", producer.GetProperty("sasl.oauthbearer.client.secret").GetString());
        Assert.Equal("***", producer.GetProperty("ssl.key.pem").GetString());
        Assert.Equal("5", producer.GetProperty("linger.ms").GetString());
        Assert.Equal("orders-v2", root.GetProperty("kafka").GetProperty("topics").GetProperty("shop.orders").GetString());
        Assert.Equal("k1:9092", root.GetProperty("kafka").GetProperty("bootstrapServers").GetString());
    }

    [Fact]
    public void The_effective_configuration_has_every_key_of_the_schema_with_its_default()
    {
        using var json = JsonDocument.Parse(SecretRedactor.Describe(Load.FromSets()));
        var root = json.RootElement;

        foreach (var section in ConfigurationSchema.Sections)
        {
            var sectionJson = root.GetProperty(section.Name);
            foreach (var entry in section.Entries)
            {
                Assert.True(sectionJson.TryGetProperty(entry.Name, out _), $"'{entry.Path}' is missing from the effective configuration.");
            }

            Assert.Equal(section.Entries.Count, sectionJson.EnumerateObject().Count());
        }

        Assert.Equal(ConfigurationSchema.Sections.Count, root.EnumerateObject().Count());
        Assert.Equal(1000, root.GetProperty("mongodb").GetProperty("maxAwaitTimeMs").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("schemaRegistry").GetProperty("basicAuth").ValueKind);
        Assert.Equal("plain", root.GetProperty("logging").GetProperty("format").GetString());
    }

    [Fact]
    public void A_registry_url_with_credentials_is_masked_too()
    {
        var options = Load.FromSets($"schemaRegistry.url=https://user:{BasicAuthPassword}@registry.example:8081");

        var text = SecretRedactor.Describe(options);

        Assert.DoesNotContain(BasicAuthPassword, text, StringComparison.Ordinal);
        Assert.Contains("https://user:****@registry.example:8081", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sasl.password")]
    [InlineData("sasl.username")]
    [InlineData("ssl.key.password")]
    [InlineData("ssl.key.pem")]
    [InlineData("ssl.keystore.password")]
    [InlineData("sasl.oauthbearer.client.secret")]
    [InlineData("sasl.oauthbearer.config")]
    [InlineData("SASL.PASSWORD")]
    [InlineData("some.future.password")]
    public void Credential_properties_of_librdkafka_are_secret(string property)
    {
        Assert.True(SecretCatalogue.IsSecretProducerProperty(property));
    }

    [Theory]
    [InlineData("linger.ms")]
    [InlineData("compression.type")]
    [InlineData("security.protocol")]
    [InlineData("ssl.ca.location")]
    public void Ordinary_properties_are_not_secret(string property)
    {
        Assert.False(SecretCatalogue.IsSecretProducerProperty(property));
    }

    [Theory]
    [InlineData("sasl.password")]
    [InlineData("ssl.key.password")]
    [InlineData("ssl.keystore.password")]
    [InlineData("sasl.oauthbearer.client.secret")]
    public void A_secret_producer_property_of_the_wrong_type_is_reported_without_its_value(string property)
    {
        var problem = Assert.Single(Load.ProblemsFromJson($$"""{ "kafka": { "producer": { "{{property}}": { "value": "{{SaslPassword}}" } } } }"""));

        Assert.Equal($"'kafka.producer.{property}' must be a string, number or boolean; got an object (in config.json).", problem);
    }

    [Fact]
    public void Every_configuration_error_about_a_secret_key_hides_the_secret()
    {
        var problems = new List<string>();
        problems.AddRange(Load.ProblemsFromSets($"schemaRegistry.basicAuth={BasicAuthPassword}"));
        problems.AddRange(Load.ProblemsFromEnvironment(("CDC__SCHEMAREGISTRY__BASICAUTH", BasicAuthPassword)));
        problems.AddRange(Load.ProblemsFromJson($$"""{ "schemaRegistry": { "basicAuth": "{{BasicAuthPassword}}" } }"""));
        problems.AddRange(Load.ProblemsFromSets($"mongodb.uri=http://cdc:{UriPassword}@db/"));
        problems.AddRange(Load.ProblemsFromSets($"mongodb.uri=cdc:{UriPassword}@db:27017"));
        problems.AddRange(Load.ProblemsFromEnvironment(("CDC__MONGODB__URI", $"mongodb:/cdc:{UriPassword}@db")));
        problems.AddRange(Load.ProblemsFromSets($"uri:mongodb://cdc:{UriPassword}@db"));
        problems.AddRange(Load.ProblemsFromJson($$"""{ "kafka": { "producer": { "sasl.password": ["{{SaslPassword}}"] } } }"""));

        Assert.Equal(8, problems.Count);
        foreach (var problem in problems)
        {
            foreach (var secret in Secrets)
            {
                Assert.DoesNotContain(secret, problem, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("mongodb://u:p%40ss%3Aw0rd@h/", "mongodb://u:****@h/")]
    [InlineData("mongodb://u:p@ss:w@rd@h1,h2:27018/db?replicaSet=rs", "mongodb://u:****@h1,h2:27018/db?replicaSet=rs")]
    [InlineData("mongodb://u:pa/ss@h/db", "mongodb://u:****@h/db")]
    [InlineData("mongodb://u:abc==@h/?appname=me@home", "mongodb://u:****@h/?appname=me@home")]
    [InlineData("mongodb://u:p?ss@h/", "mongodb://u:****@h/")]
    [InlineData("mongodb://h:27017/?appname=me@home", "mongodb://h:27017/?appname=me@home")]
    [InlineData("mongodb+srv://svc%3Aacct:s3cr%2Ft@cluster0.example.net/?retryWrites=true", "mongodb+srv://svc%3Aacct:****@cluster0.example.net/?retryWrites=true")]
    [InlineData("mongodb://h/?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:tok3n", "mongodb://h/?authMechanism=MONGODB-AWS&authMechanismProperties=****")]
    [InlineData("mongodb://h/?tls=true&TLSCERTIFICATEKEYFILEPASSWORD=k3y", "mongodb://h/?tls=true&TLSCERTIFICATEKEYFILEPASSWORD=****")]
    [InlineData("mongodb://u:@h/", "mongodb://u:****@h/")]
    public void Tricky_uris_lose_their_secrets(string uri, string expected)
    {
        Assert.Equal(expected, MongoUriRedactor.Redact(uri));
    }

    [Fact]
    public void Uris_inside_free_text_are_redacted_and_the_rest_is_kept()
    {
        var text = $"could not reach 'mongodb://a:{UriPassword}@h1/' nor \"mongodb+srv://b:{SaslPassword}@c.example\" (retrying)";

        var redacted = SecretRedactor.RedactText(text);

        Assert.Equal("could not reach 'mongodb://a:****@h1/' nor \"mongodb+srv://b:****@c.example\" (retrying)", redacted);
    }

    [Fact]
    public void Text_without_a_uri_is_returned_as_it_is()
    {
        const string Text = "Unsupported URI option \"bogusoption\"";

        Assert.Same(Text, SecretRedactor.RedactText(Text));
    }
}
