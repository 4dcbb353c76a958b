namespace Cdc.Connector.MongoDb;

/// <summary>
/// Which servers have <c>$changeStreamSplitLargeEvent</c>: MongoDB 7.0 and later, and the 6.0 line from 6.0.9 (the stage
/// was backported there; the 6.1–6.3 rapid releases came before it and lack it). Decided on buildInfo's version, since
/// 6.0.9 and 6.0.8 share one wire version.
/// </summary>
internal static class SplitEventSupport
{
    /// <summary>True when a server reporting <paramref name="version"/> (e.g. "7.0.2", "6.0.9-ent") accepts the stage.</summary>
    public static bool Supports(string? version) =>
        MongoRelease.TryParse(version, out var release)
        && (release.AtLeast(7, 0) || (release.Major == 6 && release.Minor == 0 && release.Patch >= 9));
}
