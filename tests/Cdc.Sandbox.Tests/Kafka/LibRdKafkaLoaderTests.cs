using System.Text.RegularExpressions;
using Cdc.Sandbox.Kafka;

namespace Cdc.Sandbox.Tests.Kafka;

public sealed class LibRdKafkaLoaderTests
{
    [Fact]
    public void The_installed_librdkafka_loads_and_reports_its_version() =>
        Assert.Matches(new Regex(@"^\d+\.\d+\.\d+"), LibRdKafkaLoader.EnsureLoaded());

    [Fact]
    public void A_missing_library_names_the_package_to_install()
    {
        var e = Assert.Throws<DllNotFoundException>(() => LibRdKafkaLoader.Load("librdkafka-not-installed.so.9"));

        Assert.Contains("librdkafka-not-installed.so.9", e.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install librdkafka1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_library_without_the_mock_cluster_api_is_refused_by_name()
    {
        // libc loads everywhere .NET runs on Linux, and has no Kafka in it.
        var e = Assert.Throws<EntryPointNotFoundException>(() => LibRdKafkaLoader.Load("libc.so.6"));

        Assert.Contains("rd_kafka_mock_push_request_errors_array", e.Message, StringComparison.Ordinal);
    }
}
