using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Cdc.Connector.Sink;

/// <summary>
/// Makes Confluent.Kafka use the system librdkafka (Debian's <c>librdkafka1</c>, soname <c>librdkafka.so.1</c>).
/// Confluent.Kafka's own loading either expects the librdkafka.redist package's files or dlopens through
/// <c>libdl.so</c>, which a runtime image may lack; a DllImportResolver on its assembly sidesteps both.
/// Idempotent and thread-safe.
/// </summary>
/// <remarks>
/// The embedded Kafka (Cdc.Sandbox) loads the same soname through its own LibraryImport; the dynamic loader hands
/// both the same, single copy of the library, so both in one process share librdkafka's global state.
/// </remarks>
internal static class LibrdkafkaLoader
{
    /// <summary>The soname; the unversioned <c>librdkafka.so</c> only exists with the -dev package.</summary>
    public const string Soname = "librdkafka.so.1";

    /// <summary>The Debian package that ships <see cref="Soname"/>.</summary>
    public const string PackageName = "librdkafka1";

    /// <summary>The name in Confluent.Kafka's DllImport attributes.</summary>
    private const string ImportedName = "librdkafka";

    private static readonly Lock Gate = new();
    private static nint _library;
    private static bool _resolverSet;
    private static volatile bool _loaded;

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

            if (!NativeLibrary.TryLoad(Soname, typeof(LibrdkafkaLoader).Assembly, null, out _library))
            {
                throw MissingLibrary(null);
            }

            if (!_resolverSet)
            {
                // Only one resolver per assembly is allowed; a failed attempt below must not make a retry throw here.
                NativeLibrary.SetDllImportResolver(typeof(Library).Assembly, Resolve);
                _resolverSet = true;
            }

            try
            {
                // Confluent.Kafka binds every native function now, so a broken library fails here and not mid-produce.
                Library.Load();
            }
            catch (DllNotFoundException e)
            {
                throw MissingLibrary(e);
            }

            _loaded = true;
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        // Other names (Confluent.Kafka also probes CentOS-specific file names first) fall back to the default probing,
        // which fails, and Confluent.Kafka moves on to the next candidate: "librdkafka".
        string.Equals(libraryName, ImportedName, StringComparison.Ordinal) ? _library : 0;

    private static DllNotFoundException MissingLibrary(Exception? inner)
    {
        var message = $"The Kafka client library {Soname} could not be loaded. Install the Debian package {PackageName} " +
            $"(apt-get install {PackageName}), or the equivalent librdkafka 2.x package of your distribution.";
        return inner is null ? new DllNotFoundException(message) : new DllNotFoundException(message, inner);
    }
}
