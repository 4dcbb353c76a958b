using System.Text.Json;
using Cdc.Sandbox.SchemaRegistry;
using Cdc.Tests.Shared;

namespace Cdc.Sandbox.Tests.SchemaRegistry;

/// <summary>An npm registry client (@kafkajs/confluent-schema-registry) against the sandbox registry.</summary>
public sealed class RegistryNodeClientTests
{
    [Fact]
    public async Task The_npm_client_registers_encodes_and_decodes_through_the_registry()
    {
        await using var registry = await InMemorySchemaRegistry.StartAsync();

        var output = await Task.Run(() => NodeScript.Run(Path.Combine("sandbox", "registry-roundtrip.mjs"), JsonSerializer.Serialize(new { url = registry.Url }), TimeSpan.FromSeconds(60)));

        using var result = JsonDocument.Parse(output);
        var id = result.RootElement.GetProperty("id").GetInt32();
        Assert.Equal(id, result.RootElement.GetProperty("copyId").GetInt32());
        Assert.Equal(42, result.RootElement.GetProperty("decoded").GetProperty("id").GetInt32());
        Assert.Contains("incompatible", result.RootElement.GetProperty("refusal").GetString(), StringComparison.Ordinal);

        // What the client saw is what the registry holds.
        Assert.Equal(["customers-value", "orders-copy-value", "orders-value"], registry.Store.Subjects());
        Assert.Equal(id, registry.Store.Lookup("orders-copy-value", registry.Store.GetSchema(id)).Id);
        Assert.Equal([1], registry.Store.Versions("orders-value"));

        // The client sets the subject's level on first registration (after our 40408 told it none was set).
        Assert.Equal(CompatibilityLevel.Backward, registry.Store.GetSubjectLevel("orders-value"));
    }

    [Fact]
    public async Task The_npm_client_sees_injected_5xx_answers_retries_past_them_and_is_refused_without_credentials()
    {
        await using var registry = await InMemorySchemaRegistry.StartAsync(new InMemorySchemaRegistryOptions { BasicAuth = "svc:pw" });
        registry.Faults.FailNext(2, InjectedFailure.StoreError);

        var output = await Task.Run(() => NodeScript.Run(Path.Combine("sandbox", "registry-faults.mjs"), JsonSerializer.Serialize(new { url = registry.Url, username = "svc", password = "pw" }), TimeSpan.FromSeconds(60)));

        using var result = JsonDocument.Parse(output);
        Assert.Equal(2, registry.Faults.FailedRequestCount);
        Assert.Equal(registry.Store.Lookup("pings-value", registry.Store.GetSchema(result.RootElement.GetProperty("id").GetInt32())).Id, result.RootElement.GetProperty("id").GetInt32());
        Assert.Contains("Unauthorized", result.RootElement.GetProperty("anonymous").GetString(), StringComparison.Ordinal);
    }
}
