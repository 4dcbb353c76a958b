using Cdc.Connector.Source;

namespace Cdc.Connector.Tests.Source;

/// <summary>The source's calls without a cancellation token, for tests that never cancel.</summary>
internal static class SourceCalls
{
    public static ResumePosition? Open(this IChangeStreamSource source, StartPosition start) => source.Open(start, CancellationToken.None);

    public static ChangeStreamRead Read(this IChangeStreamSource source, out ReadOnlySpan<byte> changeEvent) => source.Read(out changeEvent, CancellationToken.None);
}
