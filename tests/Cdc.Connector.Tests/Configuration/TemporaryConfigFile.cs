namespace Cdc.Connector.Tests.Configuration;

/// <summary>A configuration file in its own temporary directory, removed on dispose. Path is "…/config.json".</summary>
internal sealed class TemporaryConfigFile : IDisposable
{
    private readonly string _directory;

    public TemporaryConfigFile(string json)
    {
        _directory = Directory.CreateTempSubdirectory("cdc-config-").FullName;
        Path = System.IO.Path.Combine(_directory, "config.json");
        File.WriteAllText(Path, json);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
