namespace Cdc.Integration.Tests;

/// <summary>Names no other test (nor an earlier run against the same real services) uses: databases, topic prefixes, pipelines.</summary>
internal static class UniqueNames
{
    /// <summary>"<paramref name="stem"/>_" and 10 random hex digits; valid as a database, topic and pipeline name.</summary>
    public static string For(string stem) => $"{stem}_{Guid.NewGuid():N}"[..(stem.Length + 11)];
}
