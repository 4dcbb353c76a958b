namespace Cdc.Bench;

/// <summary>Finds the repository (the directory holding Cdc.sln) above the benchmark's binaries.</summary>
internal static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Cdc.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"No Cdc.sln above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>This build's `cdc` program (`./cdc bench` builds it with the benchmark).</summary>
    public static string ConnectorDll => Path.Combine(Root, "src", "Cdc.Cli", "bin", "Release", "net10.0", "cdc.dll");
}
