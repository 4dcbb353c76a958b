using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Cdc.Cli.Tail;

/// <summary>
/// Standard output as a writer that notices when its reader has gone. .NET's Console.Out pretends that a write to a
/// closed pipe succeeded (it ignores EPIPE), so `cdc tail … | head -n 5` would read on for ever after head exited; a
/// stream on the descriptor itself throws <see cref="IOException"/> there, and tail stops.
/// </summary>
internal sealed class PipeOutput : IDisposable
{
    private PipeOutput(StreamWriter writer) => Writer = writer;

    public TextWriter Writer { get; }

    /// <summary>A writer on descriptor 1 when <paramref name="stdout"/> is the console's redirected output; null otherwise (use it as it is).</summary>
    public static PipeOutput? For(TextWriter stdout)
    {
        if (!ReferenceEquals(stdout, Console.Out) || !Console.IsOutputRedirected)
        {
            return null;
        }

        // Not owned: the descriptor stays open for whatever else writes to it (Console.Out) until the process ends.
        var stream = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        return new PipeOutput(new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true });
    }

    public void Dispose()
    {
        try
        {
            Writer.Dispose();
        }
        catch (IOException)
        {
            // The reader has gone: what could not be written is of no use to anyone.
        }
    }
}
