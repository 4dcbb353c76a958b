using Cdc.Connector.Configuration;
using Cdc.Cli.Runtime;

namespace Cdc.Connector.Tests.Runtime;

public sealed class StartupSummaryTests
{
    [Fact]
    public void Registry_credentials_are_never_shown()
    {
        var registry = new SchemaRegistrySettings
        {
            Url = "https://alice:s3cret@registry-a:8081, http://registry-b:8081",
            BasicAuth = "bob:hunter2",
        };

        var text = StartupSummary.Registry(registry);

        Assert.Equal("https://alice:****@registry-a:8081,http://registry-b:8081 (basic auth)", text);
        Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_registry_without_credentials_is_shown_as_it_is()
    {
        Assert.Equal("http://127.0.0.1:8081", StartupSummary.Registry(new SchemaRegistrySettings { Url = "http://127.0.0.1:8081" }));
    }
}
