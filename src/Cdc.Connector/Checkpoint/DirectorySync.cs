using System.Runtime.InteropServices;

namespace Cdc.Connector.Checkpoint;

/// <summary>
/// fsync of a directory, so that a rename into it survives a power loss (POSIX makes the new directory entry durable
/// only then). .NET cannot open a directory as a stream, hence libc. Best effort: where it is not possible (Windows, a
/// file system that refuses) the rename is still atomic, only its durability rests on the file system.
/// </summary>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0;

    /// <summary>True when the directory's entries were flushed to stable storage.</summary>
    public static bool TryFlush(string directory)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD()))
        {
            return false;
        }

        var descriptor = Open(directory, ReadOnly);
        if (descriptor < 0)
        {
            return false;
        }

        try
        {
            return Fsync(descriptor) == 0;
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);
}
