using Cdc.Connector.Source;

namespace Cdc.Connector.Observability;

/// <summary>The cluster time a resume position stands for, in the units the status and metrics report (<see cref="ResumeTokenTime"/> reads tokens).</summary>
internal static class ResumeTokenClock
{
    /// <summary>The seconds of the cluster time in a resume token document (BSON); false when it holds none we can read.</summary>
    public static bool TryGetSeconds(ReadOnlySpan<byte> tokenDocument, out uint seconds)
    {
        var found = ResumeTokenTime.TryRead(tokenDocument, out var time);
        seconds = time.Seconds;
        return found;
    }

    /// <summary>The seconds of the cluster time in a token's <c>_data</c> hex text (UTF-8).</summary>
    public static bool TryParseData(ReadOnlySpan<byte> hex, out uint seconds)
    {
        var found = ResumeTokenTime.TryParseData(hex, out var time);
        seconds = time.Seconds;
        return found;
    }

    /// <summary>The cluster time of <paramref name="position"/> as Unix milliseconds, or null when it cannot be told.</summary>
    public static long? UnixMilliseconds(ResumePosition? position)
    {
        if (position is null)
        {
            return null;
        }

        if (position.OperationTime is { } time)
        {
            return time.Seconds * 1000L;
        }

        return TryGetSeconds(position.Token, out var seconds) ? seconds * 1000L : null;
    }
}
