using System.Runtime.InteropServices;

namespace Cdc.Sandbox.Kafka;

/// <summary>
/// Points the embedded Kafka's P/Invokes (<see cref="LibRdKafka"/>) at the librdkafka of the librdkafka.redist package
/// (<see cref="LibrdkafkaRedist"/>, the very file the connector's Kafka client uses) and checks once that it has the
/// mock cluster API and is recent enough, so a missing or old library fails with a sentence saying what is wrong instead
/// of a bare <see cref="DllNotFoundException"/> from the first call.
/// </summary>
internal static class LibRdKafkaLoader
{
    /// <summary>The newest mock symbol used here; it appeared in librdkafka 2.6.</summary>
    private const string NewestRequiredSymbol = "rd_kafka_mock_group_initial_rebalance_delay_ms";

    private static readonly Lazy<string> Version = new(LoadRedist);

    /// <summary>librdkafka's version string, e.g. "2.16.0"; throws <see cref="DllNotFoundException"/> saying what is missing.</summary>
    public static string EnsureLoaded() => Version.Value;

    /// <summary>Checks the library at <paramref name="path"/> (the redist's file, or another for tests): it loads, has the mock API, is recent enough.</summary>
    internal static nint Check(string path)
    {
        if (!NativeLibrary.TryLoad(path, out var library))
        {
            throw new DllNotFoundException(
                $"The embedded Kafka needs librdkafka {LibrdkafkaRedist.BuiltAgainst} from the librdkafka.redist package, and {path} could not be " +
                "loaded. Rebuild (dotnet build copies the package's runtimes/<rid>/native/ beside the program).");
        }

        if (!NativeLibrary.TryGetExport(library, NewestRequiredSymbol, out _))
        {
            throw new EntryPointNotFoundException(
                $"{path} has no {NewestRequiredSymbol}: the embedded Kafka needs librdkafka's mock cluster API of version " +
                $"{LibrdkafkaRedist.BuiltAgainst} (the librdkafka.redist package's), not an older librdkafka.");
        }

        return library;
    }

    private static string LoadRedist()
    {
        var path = LibrdkafkaRedist.LoadedPath
            ?? throw new DllNotFoundException(
                $"The embedded Kafka needs librdkafka {LibrdkafkaRedist.BuiltAgainst} from the librdkafka.redist package; none of " +
                $"{LibrdkafkaRedist.Describe()} loaded. Rebuild (dotnet build copies the package's runtimes/<rid>/native/ beside the program).");
        Check(path);
        NativeLibrary.SetDllImportResolver(
            typeof(LibRdKafkaLoader).Assembly,
            (name, _, _) => name == LibRdKafka.LibraryName ? LibrdkafkaRedist.Handle : 0);
        if (LibRdKafka.rd_kafka_version() < LibrdkafkaRedist.MinimumVersion)
        {
            throw new DllNotFoundException(
                $"librdkafka {Marshal.PtrToStringUTF8(LibRdKafka.rd_kafka_version_str())} was loaded from {path}, older than the " +
                $"{LibrdkafkaRedist.BuiltAgainst} the embedded Kafka is built against.");
        }

        return Marshal.PtrToStringUTF8(LibRdKafka.rd_kafka_version_str()) ?? "unknown";
    }
}
