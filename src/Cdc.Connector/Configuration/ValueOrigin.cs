namespace Cdc.Connector.Configuration;

/// <summary>Where a configuration value came from, for messages: "(in config.json)". Never holds the value itself.</summary>
internal sealed class ValueOrigin
{
    private ValueOrigin(string description)
    {
        Description = description;
    }

    public string Description { get; }

    public static ValueOrigin File(string path) => new(path);

    public static ValueOrigin EnvironmentVariable(string name) => new($"environment variable {name}");

    public static ValueOrigin EnvironmentFile(string variable, string path) => new($"file {path} named by environment variable {variable}");

    public static ValueOrigin SetArgument(string key) => new($"--set {key}");

    public static ValueOrigin SetArgumentFile(string key, string path) => new($"file {path} named by --set {key}{SetArgumentSource.FileSuffix}");

    /// <summary>" (in config.json)", to end a message with.</summary>
    public string Suffix => $" (in {Description})";
}
