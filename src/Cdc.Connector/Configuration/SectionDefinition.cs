using Cdc.Connector.Configuration.Keys;

namespace Cdc.Connector.Configuration;

internal sealed class SectionDefinition
{
    public SectionDefinition(string name, params ConfigurationEntry[] entries)
    {
        Name = name;
        Entries = entries;
    }

    public string Name { get; }

    /// <summary>In documentation order; messages list them in this order.</summary>
    public IReadOnlyList<ConfigurationEntry> Entries { get; }

    public string KnownNames => string.Join(", ", Entries.Select(entry => entry.Name));

    public ConfigurationEntry? Find(string name, StringComparison comparison) =>
        Entries.FirstOrDefault(entry => string.Equals(entry.Name, name, comparison));
}
