using Cdc.Connector.Registry;
using Cdc.Sandbox.SchemaRegistry;

namespace Cdc.Connector.Tests.Check;

/// <summary>The Schema Registry client calls `cdc check` uses, against the sandbox's registry.</summary>
public sealed class RegistryClientCheckCallsTests : IAsyncLifetime
{
    private const string Version1 = """{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}""";
    private const string WithDefault = """{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string","default":""}]}""";
    private const string WithoutDefault = """{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"}]}""";

    private InMemorySchemaRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await InMemorySchemaRegistry.StartAsync();

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    [Fact]
    public async Task The_global_level_and_a_subjects_own_level_or_the_global_one_are_read()
    {
        using var client = Client();
        _registry.Store.SetSubjectLevel("own-value", CompatibilityLevel.FullTransitive);

        Assert.Equal("BACKWARD", await client.GetCompatibilityLevelAsync(null, CancellationToken.None));
        Assert.Equal("FULL_TRANSITIVE", await client.GetCompatibilityLevelAsync("own-value", CancellationToken.None));
        Assert.Equal("BACKWARD", await client.GetCompatibilityLevelAsync("other-value", CancellationToken.None));
    }

    [Fact]
    public async Task A_compatible_schema_is_reported_compatible_and_nothing_is_registered()
    {
        using var client = Client();
        _registry.Store.Register("t-value", Version1);

        var result = await client.TestCompatibilityAsync("t-value", WithDefault, CancellationToken.None);

        Assert.True(result.IsCompatible);
        Assert.Empty(result.Messages);
        Assert.Equal([1], _registry.Store.Versions("t-value"));
    }

    [Fact]
    public async Task An_incompatible_schema_is_reported_with_the_registry_messages()
    {
        using var client = Client();
        _registry.Store.Register("t-value", Version1);

        var result = await client.TestCompatibilityAsync("t-value", WithoutDefault, CancellationToken.None);

        Assert.False(result.IsCompatible);
        Assert.Contains(result.Messages, m => m.Contains("'b'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_subject_without_versions_throws_40401()
    {
        using var client = Client();
        var error = await Assert.ThrowsAsync<RegistryRequestException>(() => client.TestCompatibilityAsync("missing-value", Version1, CancellationToken.None));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal(40401, error.ErrorCode);
        Assert.StartsWith("Schema Registry compatibility test of subject 'missing-value' failed at ", error.Message, StringComparison.Ordinal);
    }

    private RegistryClient Client() => RegistryClient.Create(new RegistryClientOptions { Urls = [_registry.Url], RequestTimeout = TimeSpan.FromSeconds(5) });
}
