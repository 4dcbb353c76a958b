using Cdc.Sandbox.Kafka;

namespace Cdc.Sandbox.Tests.Kafka;

public sealed class LibRdKafkaLoaderTests
{
    [Fact]
    public void The_embedded_kafka_runs_on_the_librdkafka_of_the_redist_package_beside_the_program()
    {
        Assert.Equal(LibrdkafkaRedist.BuiltAgainst, LibRdKafkaLoader.EnsureLoaded());

        var path = LibrdkafkaRedist.LoadedPath;
        Assert.NotNull(path);
        Assert.StartsWith(Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native") + Path.DirectorySeparatorChar, path, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_candidate_is_the_packages_file_but_the_system_soname_which_comes_last()
    {
        var candidates = LibrdkafkaRedist.Candidates().ToList();

        Assert.Equal(LibrdkafkaRedist.SystemSoname, candidates[^1]);
        Assert.All(candidates[..^1], candidate => Assert.StartsWith(AppContext.BaseDirectory, candidate, StringComparison.Ordinal));
        Assert.Contains(Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "centos8-librdkafka.so"), candidates);
    }

    [Fact]
    public void A_missing_library_says_where_the_package_files_belong()
    {
        var e = Assert.Throws<DllNotFoundException>(() => LibRdKafkaLoader.Check("librdkafka-not-installed.so.9"));

        Assert.Contains("librdkafka-not-installed.so.9", e.Message, StringComparison.Ordinal);
        Assert.Contains("runtimes/<rid>/native/", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_library_without_the_mock_cluster_api_is_refused_by_name()
    {
        // libc loads everywhere .NET runs on Linux, and has no Kafka in it.
        var e = Assert.Throws<EntryPointNotFoundException>(() => LibRdKafkaLoader.Check("libc.so.6"));

        Assert.Contains("rd_kafka_mock_group_initial_rebalance_delay_ms", e.Message, StringComparison.Ordinal);
    }
}
