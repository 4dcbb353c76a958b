using System.Reflection;
using System.Runtime.InteropServices;

namespace Cdc.Connector.Interop.Mongoc;

/// <summary>
/// Loads libmongoc and libbson by soname through this assembly's DllImportResolver and runs <c>mongoc_init</c> exactly
/// once, so a missing package fails with a sentence saying what to install instead of a bare DllNotFoundException.
/// </summary>
internal static class MongocLibraries
{
    public const string MongocSoname = "libmongoc-1.0.so.0";

    public const string BsonSoname = "libbson-1.0.so.0";

    public const string MongocPackage = "libmongoc-1.0-0";

    public const string BsonPackage = "libbson-1.0-0";

    private static readonly Lock Gate = new();
    private static nint _mongoc;
    private static nint _bson;
    private static bool _initialized;

    /// <summary>Idempotent and thread-safe; call before any other libmongoc function.</summary>
    public static void EnsureInitialized()
    {
        lock (Gate)
        {
            if (_initialized)
            {
                return;
            }

            // libbson first: libmongoc depends on it, and naming the right package matters when only libbson is gone.
            _bson = Load(BsonSoname, BsonPackage);
            _mongoc = Load(MongocSoname, MongocPackage);
            NativeLibrary.SetDllImportResolver(typeof(MongocLibraries).Assembly, Resolve);
            MongocLog.Install();
            LibMongoc.mongoc_init();
            _initialized = true;
        }
    }

    /// <summary>Loads one library by soname or throws <see cref="DllNotFoundException"/> naming the Debian package.</summary>
    internal static nint Load(string soname, string package)
    {
        if (!NativeLibrary.TryLoad(soname, typeof(MongocLibraries).Assembly, null, out var library))
        {
            throw new DllNotFoundException(
                $"The MongoDB C driver library {soname} could not be loaded. Install the Debian package {package} " +
                $"(apt-get install {package}); cdc reads change streams through libmongoc 1.23.");
        }

        return library;
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) => libraryName switch
    {
        LibMongoc.Mongoc => _mongoc,
        LibMongoc.Bson => _bson,

        // Not ours (Confluent.Kafka resolves librdkafka in its own assembly): default probing.
        _ => 0,
    };
}
