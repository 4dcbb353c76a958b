using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// The real `cdc run` runs on the librdkafka of the librdkafka.redist package beside cdc.dll, and on no other copy:
/// read from the process's own memory map, as an operator would check it.
/// </summary>
public sealed class NativeLibraryTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    [Fact]
    public async Task A_running_connector_maps_the_redist_librdkafka_beside_cdc_dll_and_no_other()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "native", ["a"]);
        var connector = scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database));
        await scenario.WaitUntilStreamingAsync("a");

        var mapped = File.ReadLines($"/proc/{connector.Id}/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && fields[5].Contains("librdkafka", StringComparison.Ordinal))
            .Select(fields => fields[5])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        scenario.Log($"librdkafka files mapped by pid {connector.Id}: {string.Join(", ", mapped)}");

        var native = Path.Combine(Path.GetDirectoryName(SandboxProcess.CdcDll)!, "runtimes", "linux-x64", "native") + Path.DirectorySeparatorChar;
        var file = Assert.Single(mapped);
        Assert.StartsWith(native, file, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(file), new[] { "librdkafka.so", "centos8-librdkafka.so" });
    }
}
