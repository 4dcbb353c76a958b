using Cdc.Connector.Configuration;
using Confluent.Kafka;

namespace Cdc.Connector.Tests.Configuration;

public sealed class LibrdkafkaLoaderTests
{
    [Fact]
    public void Confluent_Kafka_runs_on_the_librdkafka_the_build_references()
    {
        LibrdkafkaLoader.EnsureLoaded();

        Assert.Equal(LibrdkafkaRedist.BuiltAgainst, Library.VersionString);
        Assert.Equal(0x021000ff, Library.Version);
        Assert.True(Library.Version >= LibrdkafkaRedist.MinimumVersion);
    }

    [Fact]
    public void The_loaded_file_is_the_packages_beside_the_program_not_a_system_copy()
    {
        LibrdkafkaLoader.EnsureLoaded();

        var path = LibrdkafkaLoader.LoadedPath;
        Assert.NotNull(path);
        Assert.StartsWith(Path.Combine(AppContext.BaseDirectory, "runtimes") + Path.DirectorySeparatorChar, path, StringComparison.Ordinal);
        Assert.NotEqual(LibrdkafkaRedist.SystemSoname, path);
    }

    [Fact]
    public void Every_name_Confluent_Kafka_may_import_is_taken_for_librdkafka_and_nothing_else_is()
    {
        Assert.True(LibrdkafkaRedist.IsLibrdkafka("librdkafka"));
        Assert.True(LibrdkafkaRedist.IsLibrdkafka("centos8-librdkafka"));
        Assert.True(LibrdkafkaRedist.IsLibrdkafka("alpine-librdkafka"));
        Assert.False(LibrdkafkaRedist.IsLibrdkafka("libc"));
    }
}
