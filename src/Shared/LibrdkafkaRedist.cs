using System.Runtime.InteropServices;

#if CDC_SANDBOX
namespace Cdc.Sandbox.Kafka;
#else
namespace Cdc.Connector.Configuration;
#endif

/// <summary>
/// Finds and loads the native librdkafka that the <c>librdkafka.redist</c> package puts beside the application
/// (<c>runtimes/&lt;rid&gt;/native/</c>), the same way in every assembly that needs it (the connector's Kafka client and
/// the sandbox's mock cluster), so a process loads exactly one copy and never another librdkafka that happens to be on
/// the machine (an unversioned system <c>librdkafka.so</c> would otherwise win silently). Compiled into both
/// assemblies from src/Shared.
/// </summary>
/// <remarks>
/// The package ships several builds per platform. On linux-x64 the plain <c>librdkafka.so</c> links Cyrus SASL
/// (<c>libsasl2.so.3</c>, for GSSAPI) and loads only where that library exists; <c>centos8-librdkafka.so</c> needs
/// nothing but glibc; <c>alpine-librdkafka.so</c> is for musl. The first that loads is used. Without the package's
/// files (an unusual platform) the system's <c>librdkafka.so.1</c> is tried, and the version check of the callers
/// refuses it when it is older than <see cref="MinimumVersion"/>.
/// </remarks>
internal static class LibrdkafkaRedist
{
    /// <summary>The librdkafka.redist version this build references (Directory.Packages.props).</summary>
    public const string BuiltAgainst = "2.16.0";

    /// <summary><see cref="BuiltAgainst"/> as librdkafka's <c>rd_kafka_version()</c> encodes it: 0xMMmmrrpp.</summary>
    public const int MinimumVersion = 0x02100000;

    /// <summary>The system's soname, the last resort.</summary>
    public const string SystemSoname = "librdkafka.so.1";

    private static readonly Lazy<LoadedLibrary?> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The loaded library's handle, or 0 when no candidate loads (<see cref="Describe"/> says what was tried).</summary>
    public static nint Handle => Loaded.Value?.Handle ?? 0;

    /// <summary>The file that was loaded, or null.</summary>
    public static string? LoadedPath => Loaded.Value?.Path;

    /// <summary>Whether a DllImport name is one of librdkafka's ("librdkafka", "centos8-librdkafka", …).</summary>
    public static bool IsLibrdkafka(string libraryName) =>
        libraryName.Contains("librdkafka", StringComparison.Ordinal);

    /// <summary>Where the package's files were looked for, for an error message when none loaded.</summary>
    public static string Describe() => string.Join(", ", Candidates());

    /// <summary>
    /// The candidates in order: the package's files for this platform where a portable build puts them
    /// (runtimes/&lt;rid&gt;/native/), then where a RID-specific publish puts them (beside the program), then the
    /// system's soname.
    /// </summary>
    internal static IEnumerable<string> Candidates()
    {
        var native = Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeIdentifier(), "native");
        foreach (var directory in (string[])[native, AppContext.BaseDirectory])
        {
            foreach (var file in FileNames())
            {
                yield return Path.Combine(directory, file);
            }
        }

        yield return SystemSoname;
    }

    private static LoadedLibrary? Load()
    {
        foreach (var candidate in Candidates())
        {
            // A candidate the dynamic loader refuses (a missing dependency) is simply passed over.
            if ((!Path.IsPathRooted(candidate) || File.Exists(candidate)) && NativeLibrary.TryLoad(candidate, out var handle))
            {
                return new LoadedLibrary(handle, candidate);
            }
        }

        return null;
    }

    private static string RuntimeIdentifier()
    {
        var architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        if (OperatingSystem.IsLinux())
        {
            return $"linux-{architecture}";
        }

        return OperatingSystem.IsMacOS() ? $"osx-{architecture}" : $"win-{architecture}";
    }

    private static string[] FileNames()
    {
        if (OperatingSystem.IsLinux())
        {
            return RuntimeInformation.ProcessArchitecture == Architecture.X64
                ? ["librdkafka.so", "centos8-librdkafka.so", "alpine-librdkafka.so"]
                : ["librdkafka.so", "alpine-librdkafka.so"];
        }

        return OperatingSystem.IsMacOS() ? ["librdkafka.dylib"] : ["librdkafka.dll"];
    }

    private sealed record LoadedLibrary(nint Handle, string Path);
}
