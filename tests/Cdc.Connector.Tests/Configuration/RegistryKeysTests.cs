using System.Text.Json;
using Cdc.Cli.Check;
using Cdc.Connector.Configuration;
using Cdc.Cli.Runtime;
using Cdc.Connector.Registry;
using Cdc.Connector.Tests.Checkpoint;

namespace Cdc.Connector.Tests.Configuration;

/// <summary>
/// The schemaRegistry keys of bearer, OAuth and TLS: they load from every source (secrets from files too), reach the
/// client's options, and their secrets are masked in print-config, the start-up line and `cdc check` output.
/// </summary>
public sealed class RegistryKeysTests
{
    private const string Token = "bearer-6e1d-secret";
    private const string ClientSecret = "oauth-client-9a7f-secret";

    [Fact]
    public void The_bearer_oauth_and_tls_keys_load_and_reach_the_client_options()
    {
        var options = Load.FromSets(
            "schemaRegistry.url=https://sr1:8081,https://sr2:8081",
            "schemaRegistry.oauthTokenEndpointUrl=https://idp.example/oauth2/token",
            "schemaRegistry.oauthClientId=cdc",
            $"schemaRegistry.oauthClientSecret={ClientSecret}",
            "schemaRegistry.oauthScope=registry.write",
            "schemaRegistry.tlsCAFile=/etc/cdc-tls/ca.pem",
            "schemaRegistry.tlsCertificateKeyFile=/etc/cdc-tls/client.pem");

        var client = RegistryClientOptions.From(options.SchemaRegistry, TimeSpan.FromSeconds(7));

        Assert.Equal(["https://sr1:8081", "https://sr2:8081"], client.Urls);
        Assert.Equal(new RegistryOAuthOptions("https://idp.example/oauth2/token", "cdc", ClientSecret, "registry.write"), client.OAuth);
        Assert.Null(client.BearerToken);
        Assert.Equal(("/etc/cdc-tls/ca.pem", "/etc/cdc-tls/client.pem"), (client.TlsCAFile, client.TlsCertificateKeyFile));
        Assert.Equal(TimeSpan.FromSeconds(7), client.RequestTimeout);
    }

    [Fact]
    public void A_bearer_token_reads_from_a_file_named_by_its_FILE_variable()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("token");
        File.WriteAllText(path, Token + "\n");

        var options = Load.FromEnvironment(("CDC__SCHEMAREGISTRY__URL", "http://sr:8081"), ("CDC__SCHEMAREGISTRY__BEARERTOKEN_FILE", path));

        Assert.Equal(Token, options.SchemaRegistry.BearerToken);
        Assert.Equal(Token, RegistryClientOptions.From(options.SchemaRegistry).BearerToken);
    }

    [Fact]
    public void The_oauth_client_secret_reads_from_a_file_named_by_set()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("secret");
        File.WriteAllText(path, ClientSecret);

        var options = Load.FromSets("schemaRegistry.oauthTokenEndpointUrl=https://idp/token", "schemaRegistry.oauthClientId=cdc", $"schemaRegistry.oauthClientSecret@file={path}");

        Assert.Equal(ClientSecret, options.SchemaRegistry.OAuthClientSecret);
    }

    [Fact]
    public void Print_config_masks_the_token_and_the_client_secret_and_shows_the_rest()
    {
        var bearer = JsonDocument.Parse(SecretRedactor.Describe(Load.FromSets("schemaRegistry.url=https://sr:8081", $"schemaRegistry.bearerToken={Token}", "schemaRegistry.tlsCAFile=/ca.pem")));
        var oauth = JsonDocument.Parse(SecretRedactor.Describe(Load.FromSets(
            "schemaRegistry.oauthTokenEndpointUrl=https://idp/token", "schemaRegistry.oauthClientId=cdc", $"schemaRegistry.oauthClientSecret={ClientSecret}")));

        var registry = bearer.RootElement.GetProperty("schemaRegistry");
        Assert.Equal("***", registry.GetProperty("bearerToken").GetString());
        Assert.Equal("/ca.pem", registry.GetProperty("tlsCAFile").GetString());
        Assert.Equal(JsonValueKind.Null, registry.GetProperty("tlsCertificateKeyFile").ValueKind);
        Assert.Equal(JsonValueKind.Null, registry.GetProperty("oauthClientSecret").ValueKind);
        var withOAuth = oauth.RootElement.GetProperty("schemaRegistry");
        Assert.Equal("***", withOAuth.GetProperty("oauthClientSecret").GetString());
        Assert.Equal("cdc", withOAuth.GetProperty("oauthClientId").GetString());
        Assert.Equal("https://idp/token", withOAuth.GetProperty("oauthTokenEndpointUrl").GetString());
        Assert.DoesNotContain(Token, bearer.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(ClientSecret, oauth.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_bearer_token_value_is_never_echoed()
    {
        var problem = Assert.Single(Load.ProblemsFromJson($$"""{ "schemaRegistry": { "bearerToken": ["{{Token}}"] } }"""));

        Assert.Equal("'schemaRegistry.bearerToken' must be a string; got an array (in config.json).", problem);
    }

    [Fact]
    public void Check_output_and_the_start_up_line_never_show_the_token_or_the_client_secret()
    {
        var options = new CdcOptions();
        options.SchemaRegistry.Url = "https://sr:8081";
        options.SchemaRegistry.BearerToken = Token;
        options.SchemaRegistry.OAuthClientSecret = ClientSecret;
        options.SchemaRegistry.OAuthClientId = "cdc";
        options.SchemaRegistry.TlsCAFile = "/ca.pem";
        options.SchemaRegistry.TlsCertificateKeyFile = "/client.pem";

        var scrubbed = SecretScrubber.From(options).Scrub($"a library said {Token} and {ClientSecret}");
        var summary = StartupSummary.Registry(options.SchemaRegistry);

        Assert.Equal("a library said *** and ***", scrubbed);
        Assert.Equal("https://sr:8081 (bearer token, OAuth client credentials, CA file, client certificate)", summary);
    }

    [Theory]
    [InlineData("schemaRegistry.bearerToken=t", "schemaRegistry.oauthTokenEndpointUrl=https://idp/token", "schemaRegistry.oauthClientId=c", "schemaRegistry.oauthClientSecret=s")]
    [InlineData("schemaRegistry.url=http://u:p@sr:8081", "schemaRegistry.bearerToken=t")]
    public void Two_kinds_of_registry_credentials_are_refused(params string[] sets)
    {
        var problems = Load.ProblemsFromSets(sets);

        Assert.Contains(problems, p => p.StartsWith("The Schema Registry credentials are set in more than one way (", StringComparison.Ordinal));
    }

    [Fact]
    public void Basic_auth_beside_the_same_credentials_in_the_url_is_one_kind()
    {
        var options = Load.FromSets("schemaRegistry.url=http://u:p@sr:8081", "schemaRegistry.basicAuth=u:p");

        Assert.Equal("u:p", options.SchemaRegistry.BasicAuth);
    }

    [Fact]
    public void Tls_files_beside_an_https_url_are_accepted()
    {
        var options = Load.FromSets("schemaRegistry.url=http://sr1:8081,https://sr2:8443", "schemaRegistry.tlsCAFile=/ca.pem", "schemaRegistry.tlsCertificateKeyFile=/client.pem");

        Assert.Equal("/client.pem", options.SchemaRegistry.TlsCertificateKeyFile);
    }

    [Fact]
    public void A_registry_check_reports_a_client_that_cannot_be_built_with_the_keys_to_correct()
    {
        var options = Load.FromSets("schemaRegistry.url=https://127.0.0.1:1", "schemaRegistry.tlsCAFile=/nonexistent/cdc/ca.pem", "mongodb.scope=cluster");
        using var output = new StringWriter();
        var report = new CheckReport(output, json: false, new SecretScrubber([]));

        new SchemaRegistryChecker(options, TimeSpan.FromSeconds(2)).Run(report);

        var result = Assert.Single(report.Results);
        Assert.Equal((CheckStatus.Fail, "reachable"), (result.Status, result.Name));
        Assert.StartsWith("schemaRegistry.tlsCAFile names '/nonexistent/cdc/ca.pem', which cannot be read as PEM certificates: ", result.Detail, StringComparison.Ordinal);
        Assert.Contains("tlsCAFile", result.Fix, StringComparison.Ordinal);
    }
}
