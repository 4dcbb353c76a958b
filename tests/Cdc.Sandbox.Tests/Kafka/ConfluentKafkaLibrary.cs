using System.Runtime.InteropServices;
using Cdc.Sandbox.Kafka;

namespace Cdc.Sandbox.Tests.Kafka;

/// <summary>
/// Points Confluent.Kafka at the librdkafka the embedded Kafka loaded (the librdkafka.redist file that needs only glibc),
/// so a test's client and the mock run on one library, as in `cdc` itself.
/// </summary>
internal static class ConfluentKafkaLibrary
{
    private static readonly Lazy<bool> Loaded = new(() =>
    {
        LibRdKafkaLoader.EnsureLoaded();
        // Confluent.Kafka's own Load(path) goes through dlopen in "libdl", which glibc 2.34+ no longer ships as such; a
        // resolver hands its imports the handle already loaded instead, as the connector does.
        NativeLibrary.SetDllImportResolver(
            typeof(Confluent.Kafka.Library).Assembly,
            (name, _, _) => LibrdkafkaRedist.IsLibrdkafka(name) ? LibrdkafkaRedist.Handle : 0);
        Confluent.Kafka.Library.Load();
        return true;
    });

    public static void EnsureLoaded() => _ = Loaded.Value;
}
