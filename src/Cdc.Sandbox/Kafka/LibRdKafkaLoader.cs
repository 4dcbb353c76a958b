using System.Runtime.InteropServices;

namespace Cdc.Sandbox.Kafka;

/// <summary>
/// Checks once that librdkafka loads and has the mock cluster API, so a missing package fails with a sentence saying
/// what to install instead of a bare <see cref="DllNotFoundException"/> from the first P/Invoke.
/// </summary>
internal static class LibRdKafkaLoader
{
    /// <summary>The newest mock symbol used here; it appeared in librdkafka 1.6.0.</summary>
    private const string NewestRequiredSymbol = "rd_kafka_mock_push_request_errors_array";

    private static readonly Lazy<string> Version = new(() => Load(LibRdKafka.LibraryName));

    /// <summary>librdkafka's version string, e.g. "2.0.2"; throws <see cref="DllNotFoundException"/> naming the package.</summary>
    public static string EnsureLoaded() => Version.Value;

    internal static string Load(string libraryName)
    {
        if (!NativeLibrary.TryLoad(libraryName, typeof(LibRdKafkaLoader).Assembly, null, out var library))
        {
            throw new DllNotFoundException(
                $"The embedded Kafka needs librdkafka ({libraryName}), which could not be loaded. Install the Debian package " +
                $"{LibRdKafka.PackageName} (apt-get install {LibRdKafka.PackageName}); ./cdc test installs it on fresh machines.");
        }

        if (!NativeLibrary.TryGetExport(library, NewestRequiredSymbol, out _))
        {
            throw new EntryPointNotFoundException(
                $"{libraryName} has no {NewestRequiredSymbol}: the embedded Kafka needs librdkafka's mock cluster API of " +
                $"version 1.6 or newer (Debian bookworm's {LibRdKafka.PackageName} is 2.0.2).");
        }

        return Marshal.PtrToStringUTF8(LibRdKafka.rd_kafka_version_str()) ?? "unknown";
    }
}
