namespace Cdc.Tests.Shared;

/// <summary>Locates the repository (the directory holding Cdc.sln) and the shared corpora beside it.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Path => Root.Value;

    /// <summary>`../shared/corpora` relative to the repository root; CDC_CORPORA_DIR overrides it.</summary>
    public static string CorporaDirectory =>
        Environment.GetEnvironmentVariable("CDC_CORPORA_DIR") is { Length: > 0 } overridden
            ? overridden
            : System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, "..", "shared", "corpora"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Cdc.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Cdc.sln above {AppContext.BaseDirectory}.");
    }
}
