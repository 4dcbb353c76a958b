using Cdc.Cli.Check;
using Cdc.Connector.Registry;
using Cdc.Sandbox.SchemaRegistry;

namespace Cdc.Connector.Tests.Registry;

/// <summary>
/// The registry's credentials for real, checked by the sandbox registry: basic auth, a static bearer token, and bearer
/// tokens from an OAuth client-credentials grant against a token endpoint in the test. Each refusal is a 401 whose fix
/// names the key to correct, and no message shows a credential.
/// </summary>
public sealed class RegistryAuthTests
{
    private const string Schema = """{"type":"record","name":"Key","namespace":"cdc","fields":[{"name":"id","type":"string"}]}""";

    [Fact]
    public async Task A_wrong_basic_auth_password_is_a_401_with_the_basic_auth_fix()
    {
        await using var registry = await InMemorySchemaRegistry.StartAsync(new InMemorySchemaRegistryOptions { BasicAuth = "cdc:right-pw" });
        using var good = RegistryClient.Create(new RegistryClientOptions { Urls = [registry.Url], BasicAuth = "cdc:right-pw" });
        using var bad = RegistryClient.Create(new RegistryClientOptions { Urls = [registry.Url], BasicAuth = "cdc:wrong-pw" });

        Assert.Equal(1, await good.RegisterAsync("orders-value", Schema, CancellationToken.None));
        var error = await Assert.ThrowsAsync<RegistryRequestException>(() => bad.RegisterAsync("orders-value", Schema, CancellationToken.None));

        Assert.Equal((401, 40101, RegistryAuthKind.Basic), (error.StatusCode, error.ErrorCode, error.AuthKind));
        Assert.Equal("set schemaRegistry.basicAuth to user:password of a user the registry accepts", RegistryRules.Unreachable(error).Fix);
        Assert.DoesNotContain("-pw", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_static_bearer_token_is_sent_and_a_wrong_one_is_a_401_with_the_bearer_token_fix()
    {
        await using var registry = await InMemorySchemaRegistry.StartAsync(new InMemorySchemaRegistryOptions { BearerToken = "right-token-7f3a" });
        using var good = RegistryClient.Create(new RegistryClientOptions { Urls = [registry.Url], BearerToken = "right-token-7f3a" });
        using var bad = RegistryClient.Create(new RegistryClientOptions { Urls = [registry.Url], BearerToken = "stale-token-9c1e" });
        using var none = RegistryClient.Create(new RegistryClientOptions { Urls = [registry.Url] });

        Assert.Equal(1, await good.RegisterAsync("orders-value", Schema, CancellationToken.None));
        var error = await Assert.ThrowsAsync<RegistryRequestException>(() => bad.RegisterAsync("orders-value", Schema, CancellationToken.None));
        var anonymous = await Assert.ThrowsAsync<RegistryRequestException>(() => none.GetCompatibilityLevelAsync(null, CancellationToken.None));

        Assert.Equal((401, 40101, RegistryAuthKind.BearerToken), (error.StatusCode, error.ErrorCode, error.AuthKind));
        Assert.Equal($"Schema Registry register of subject 'orders-value' failed at {registry.Url}: HTTP 401 (Unauthorized), error_code 40101: Unauthorized: missing or wrong bearer token.", error.Message);
        Assert.Equal("set schemaRegistry.bearerToken to a token the registry accepts (not expired)", RegistryRules.Unreachable(error).Fix);
        Assert.Equal((401, RegistryAuthKind.None), (anonymous.StatusCode, anonymous.AuthKind));
        Assert.Equal("set schemaRegistry.basicAuth to user:password of a user the registry accepts", RegistryRules.Unreachable(anonymous).Fix);
        Assert.DoesNotContain("token-", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oauth_client_credentials_get_a_token_the_registry_accepts()
    {
        await using var tokens = await TokenEndpoint.StartAsync("cdc-connector", "client-secret-41d0", "issued-token-5b2c");
        await using var registry = await InMemorySchemaRegistry.StartAsync(new InMemorySchemaRegistryOptions { BearerToken = tokens.IssuedToken });
        using var client = RegistryClient.Create(new RegistryClientOptions
        {
            Urls = [registry.Url],
            OAuth = new RegistryOAuthOptions(tokens.Url, "cdc-connector", "client-secret-41d0", "schema_registry"),
        });

        var id = await client.RegisterAsync("orders-value", Schema, CancellationToken.None);
        Assert.Equal(Schema, await client.GetSchemaByIdAsync(id, CancellationToken.None));

        // One token for both calls: it is valid for an hour.
        Assert.Equal(["grant_type=client_credentials client_id=cdc-connector scope=schema_registry"], tokens.Requests);
        Assert.Equal(RegistryAuthKind.OAuth, client.AuthKind);
    }

    [Fact]
    public async Task A_client_secret_the_identity_provider_refuses_is_a_401_naming_the_token_endpoint()
    {
        await using var tokens = await TokenEndpoint.StartAsync("cdc-connector", "client-secret-41d0", "issued-token-5b2c");
        await using var registry = await InMemorySchemaRegistry.StartAsync(new InMemorySchemaRegistryOptions { BearerToken = tokens.IssuedToken });
        using var client = RegistryClient.Create(new RegistryClientOptions
        {
            Urls = [registry.Url],
            OAuth = new RegistryOAuthOptions(tokens.Url, "cdc-connector", "wrong-secret-77aa", null),
        });

        var error = await Assert.ThrowsAsync<RegistryRequestException>(() => client.RegisterAsync("orders-value", Schema, CancellationToken.None));

        Assert.Equal((401, RegistryAuthKind.OAuth), (error.StatusCode, error.AuthKind));
        Assert.StartsWith($"Schema Registry register of subject 'orders-value' failed: no token from the OAuth token endpoint {tokens.Url}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("check schemaRegistry.oauthClientId, oauthClientSecret and oauthScope", RegistryRules.Unreachable(error).Fix, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, registry.Faults.RequestCount);
    }

    [Fact]
    public async Task A_token_endpoint_that_does_not_answer_is_retryable()
    {
        await using var registry = await InMemorySchemaRegistry.StartAsync(new InMemorySchemaRegistryOptions { BearerToken = "t" });
        using var client = RegistryClient.Create(new RegistryClientOptions
        {
            Urls = [registry.Url],
            OAuth = new RegistryOAuthOptions("http://127.0.0.1:1/oauth2/token", "cdc-connector", "client-secret-41d0", null),
            RequestTimeout = TimeSpan.FromSeconds(5),
        });

        var error = await Assert.ThrowsAsync<RegistryRequestException>(() => client.RegisterAsync("orders-value", Schema, CancellationToken.None));

        Assert.Null(error.StatusCode);
        Assert.Contains("no token from the OAuth token endpoint http://127.0.0.1:1/oauth2/token", error.Message, StringComparison.Ordinal);
    }
}
