namespace Cdc.Connector.Configuration.Keys;

/// <summary>A name inside a section: a single-valued <see cref="ConfigurationKey"/> or a <see cref="MapKey"/>.</summary>
internal abstract class ConfigurationEntry
{
    protected ConfigurationEntry(string section, string name)
    {
        Section = section;
        Name = name;
        Path = $"{section}.{name}";
    }

    public string Section { get; }

    public string Name { get; }

    /// <summary>The dotted name users write: "mapping.json".</summary>
    public string Path { get; }
}
