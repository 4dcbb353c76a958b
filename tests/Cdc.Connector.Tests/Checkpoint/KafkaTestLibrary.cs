using System.Runtime.InteropServices;
using Cdc.Connector.Sink;

namespace Cdc.Connector.Tests.Checkpoint;

/// <summary>
/// Makes Confluent.Kafka find the system librdkafka in tests. The product's <see cref="LibrdkafkaLoader"/> registers
/// the resolver; until it exists this registers one, and once it does, the product's registration wins and this
/// one's attempt is refused harmlessly (a resolver can be set once per assembly).
/// </summary>
internal static class KafkaTestLibrary
{
    private static readonly Lazy<bool> Loaded = new(() =>
    {
        LibrdkafkaLoader.EnsureLoaded();
        try
        {
            NativeLibrary.SetDllImportResolver(
                typeof(Confluent.Kafka.Library).Assembly,
                (name, assembly, path) => name == "librdkafka" ? NativeLibrary.Load("librdkafka.so.1", assembly, path) : 0);
        }
        catch (InvalidOperationException)
        {
            // The product's loader registered first.
        }

        return true;
    });

    public static void Ensure() => _ = Loaded.Value;
}
