using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Cdc.Connector.Configuration;

/// <summary>
/// Makes Confluent.Kafka use the librdkafka of the librdkafka.redist package (<see cref="LibrdkafkaRedist"/>) and
/// nothing else: a DllImportResolver on its assembly (and on the connector's, for <see cref="LibrdkafkaConfiguration"/>)
/// answers every librdkafka name it asks for with that one file, so an
/// unversioned system <c>librdkafka.so</c> (a -dev package, LD_LIBRARY_PATH) can never be picked up silently. Then it
/// binds every native function at once and refuses a librdkafka older than the one the build references. Idempotent
/// and thread-safe.
/// </summary>
/// <remarks>
/// The embedded Kafka (Cdc.Sandbox) loads the same file the same way; the dynamic loader hands both the same, single
/// copy of the library, so both in one process share librdkafka's global state.
/// </remarks>
internal static class LibrdkafkaLoader
{
    private static readonly Lock Gate = new();
    private static bool _resolverSet;
    private static volatile bool _loaded;

    /// <summary>The file Confluent.Kafka runs on, once loaded.</summary>
    public static string? LoadedPath => _loaded ? LibrdkafkaRedist.LoadedPath : null;

    public static void EnsureLoaded()
    {
        if (_loaded)
        {
            return;
        }

        lock (Gate)
        {
            if (_loaded)
            {
                return;
            }

            if (LibrdkafkaRedist.Handle == 0)
            {
                throw Missing(null);
            }

            if (!_resolverSet)
            {
                // Only one resolver per assembly is allowed; a failed attempt below must not make a retry throw here.
                // The connector's own imports (LibrdkafkaConfiguration) get the same file; its other names (libc) are
                // left to the default lookup.
                NativeLibrary.SetDllImportResolver(typeof(Library).Assembly, Resolve);
                NativeLibrary.SetDllImportResolver(typeof(LibrdkafkaLoader).Assembly, Resolve);
                _resolverSet = true;
            }

            try
            {
                // Confluent.Kafka binds every native function now, so a broken library fails here and not mid-produce.
                Library.Load();
            }
            catch (DllNotFoundException e)
            {
                throw Missing(e);
            }

            if (Library.Version < LibrdkafkaRedist.MinimumVersion)
            {
                throw new DllNotFoundException(
                    $"librdkafka {Library.VersionString} was loaded from {LibrdkafkaRedist.LoadedPath}, older than the {LibrdkafkaRedist.BuiltAgainst} " +
                    $"cdc is built against (0x{Library.Version.ToString("x8", CultureInfo.InvariantCulture)}): the librdkafka.redist files beside the " +
                    "program are missing. Reinstall or rebuild cdc (dotnet build/publish copies runtimes/<rid>/native/ from the package).");
            }

            _loaded = true;
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        // Confluent.Kafka tries several names ("librdkafka", "centos8-librdkafka", …): every one gets the same file.
        LibrdkafkaRedist.IsLibrdkafka(libraryName) ? LibrdkafkaRedist.Handle : 0;

    private static DllNotFoundException Missing(Exception? inner)
    {
        var message = $"The Kafka client library librdkafka {LibrdkafkaRedist.BuiltAgainst} could not be loaded from the librdkafka.redist " +
            $"package's files (tried {LibrdkafkaRedist.Describe()}). Reinstall or rebuild cdc: dotnet build/publish puts them in " +
            "runtimes/<rid>/native/ beside the program.";
        return inner is null ? new DllNotFoundException(message) : new DllNotFoundException(message, inner);
    }
}
