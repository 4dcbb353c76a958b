using Cdc.Cli.Check;
using Cdc.Connector.Configuration;
using Cdc.Connector.Configuration.Keys;
using Cdc.Cli.Runtime;

namespace Cdc.Connector.Tests.Configuration;

/// <summary>
/// <see cref="SecretCatalogue"/> is the one list every output masks by: print-config, configuration problems, the
/// start-up line, MongoDB driver text and `cdc check`. Before it, `cdc check` and print-config kept lists of their own
/// that disagreed about which kafka.producer properties are secret.
/// </summary>
public sealed class SecretCatalogueTests
{
    /// <summary>The union of what `cdc check`'s scrubber and print-config's redactor each called secret before they shared one list.</summary>
    private static readonly string[] FormerlySecret =
    [
        // cdc check's list.
        "sasl.password", "ssl.key.password", "sasl.oauthbearer.client.secret", "sasl.oauthbearer.config", "ssl.key.pem", "ssl_key", "some.future.password", "some.future.secret",

        // print-config's list.
        "sasl.username", "ssl.key.location", "ssl.keystore.password", "ssl.ca.pem", "SASL.PASSWORD", "some.future.token",
    ];

    public static TheoryData<string> FormerlySecretProperties => new(FormerlySecret);

    [Theory]
    [MemberData(nameof(FormerlySecretProperties))]
    public void Every_property_either_former_list_called_secret_is_secret_in_the_catalogue(string property) =>
        Assert.True(SecretCatalogue.IsSecretProducerProperty(property));

    [Fact]
    public void The_schema_marks_secret_exactly_the_keys_and_producer_properties_of_the_catalogue()
    {
        var entries = ConfigurationSchema.Sections.SelectMany(section => section.Entries).ToList();
        var declared = entries.OfType<ConfigurationKey>().Where(key => key.IsSecret).Select(key => key.Path).Order(StringComparer.Ordinal);
        var producer = entries.OfType<MapKey>().Single(key => key.Path == "kafka.producer");

        Assert.Equal(SecretCatalogue.SecretKeys.Order(StringComparer.Ordinal), declared);
        Assert.All(SecretCatalogue.KnownSecretProducerProperties, property => Assert.True(producer.IsSecretEntry(property), property));
        Assert.False(producer.IsSecretEntry("linger.ms"));
    }

    [Fact]
    public void Every_secret_of_the_catalogue_is_masked_in_print_config_the_start_up_line_driver_text_and_check_output()
    {
        var options = new CdcOptions();
        options.MongoDb.Uri = "mongodb://app:uri-pass-1@db1:27017/?replicaSet=rs0";
        options.SchemaRegistry.Url = "https://reg:url-pass-2@registry:8081";
        options.SchemaRegistry.BasicAuth = "reg:basic-pass-3";
        options.SchemaRegistry.BearerToken = "bearer-token-4";
        options.SchemaRegistry.OAuthClientSecret = "oauth-secret-5";
        options.Telemetry.OtlpEndpoint = "https://otel:otlp-pass-6@collector:4318";
        foreach (var property in SecretCatalogue.KnownSecretProducerProperties.Concat(FormerlySecret).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            options.Kafka.Producer[property] = $"value-of-{property}";
        }

        var credentials = new List<string> { "uri-pass-1", "url-pass-2", "basic-pass-3", "bearer-token-4", "oauth-secret-5", "otlp-pass-6" };
        credentials.AddRange(options.Kafka.Producer.Where(p => !SecretCatalogue.IsIdentityProducerProperty(p.Key)).Select(p => p.Value));
        var identities = options.Kafka.Producer.Where(p => SecretCatalogue.IsIdentityProducerProperty(p.Key)).Select(p => p.Value).ToList();

        var printConfig = SecretRedactor.Describe(options);
        var startUp = StartupSummary.Registry(options.SchemaRegistry);
        var driverText = SecretRedactor.RedactText($"connecting to {options.MongoDb.Uri} failed");
        var everything = string.Join(" ", credentials.Concat(identities));
        using var text = new StringWriter();
        using var json = new StringWriter();
        foreach (var (output, asJson) in new[] { (text, false), (json, true) })
        {
            var report = new CheckReport(output, asJson, SecretScrubber.From(options));
            report.Add(CheckResult.Fail(CheckAreas.Kafka, "metadata", $"a library said {everything}", $"and again {everything}"));
            report.Complete();
        }

        Assert.All(credentials.Concat(identities), secret => Assert.DoesNotContain(secret, printConfig, StringComparison.Ordinal));
        Assert.All(credentials, secret => Assert.DoesNotContain(secret, startUp, StringComparison.Ordinal));
        Assert.DoesNotContain("uri-pass-1", driverText, StringComparison.Ordinal);
        Assert.All(credentials, secret => Assert.DoesNotContain(secret, text.ToString(), StringComparison.Ordinal));
        Assert.All(credentials, secret => Assert.DoesNotContain(secret, json.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void A_user_name_that_is_a_word_of_the_output_leaves_check_output_readable()
    {
        var options = new CdcOptions();
        options.Kafka.Producer["sasl.username"] = "cdc";
        options.Kafka.Producer["sasl.password"] = "hunter2";

        var scrubbed = SecretScrubber.From(options).Scrub("`cdc run` would fail the same way with hunter2");

        Assert.Equal("`cdc run` would fail the same way with ***", scrubbed);
        Assert.Contains("\"sasl.username\": \"***\"", SecretRedactor.Describe(options), StringComparison.Ordinal);
    }
}
