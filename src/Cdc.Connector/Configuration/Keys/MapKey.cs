using System.Text.Json;

namespace Cdc.Connector.Configuration.Keys;

/// <summary>
/// A string → string map (kafka.topics, kafka.producer). Entries from every source merge; a later source
/// overrides one entry, not the whole map. Entry names may contain dots ("shop.orders", "linger.ms").
/// </summary>
internal sealed class MapKey : ConfigurationEntry
{
    private readonly Func<CdcOptions, Dictionary<string, string>> _map;
    private readonly Func<string, string> _entryNameFromEnvironment;
    private readonly Func<string, bool> _isSecretEntry;

    // entryNameFromEnvironment turns the part of a variable name after CDC__SECTION__NAME__ into an entry name
    // (variable names cannot hold every character an entry name can).
    // isSecretEntry: entries (sasl.password, …) whose values no message may show.
    public MapKey(
        string section,
        string name,
        string entryDescription,
        Func<CdcOptions, Dictionary<string, string>> map,
        Func<string, string> entryNameFromEnvironment,
        Func<string, bool>? isSecretEntry = null)
        : base(section, name)
    {
        EntryDescription = entryDescription;
        _map = map;
        _entryNameFromEnvironment = entryNameFromEnvironment;
        _isSecretEntry = isSecretEntry ?? (_ => false);
    }

    public bool IsSecretEntry(string entry) => _isSecretEntry(entry);

    /// <summary>What an entry maps, for messages: "&lt;db.coll&gt;=&lt;topic&gt;".</summary>
    public string EntryDescription { get; }

    public string EntryNameFromEnvironment(string variablePart) => _entryNameFromEnvironment(variablePart);

    /// <summary>Sets one entry, remembering where its value came from (<see cref="CdcOptions.OriginOf"/>).</summary>
    public void SetEntry(CdcOptions options, string entry, string value, ValueOrigin origin)
    {
        _map(options)[entry] = value;
        options.EntryOrigins[$"{Path}.{entry}"] = origin;
    }

    public void SetFromJson(CdcOptions options, JsonElement value, ValueOrigin origin, ConfigurationProblems problems)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"'{Path}' must be a JSON object of {EntryDescription} entries; got {ValueText.Describe(value, secret: false)}{origin.Suffix}.");
            return;
        }

        foreach (var entry in value.EnumerateObject())
        {
            // librdkafka properties are strings, but "linger.ms": 5 is what people write; numbers and booleans
            // are passed on as their JSON text.
            switch (entry.Value.ValueKind)
            {
                case JsonValueKind.String:
                    SetEntry(options, entry.Name, entry.Value.GetString() ?? string.Empty, origin);
                    break;
                case JsonValueKind.Number:
                    SetEntry(options, entry.Name, entry.Value.GetRawText(), origin);
                    break;
                case JsonValueKind.True:
                    SetEntry(options, entry.Name, "true", origin);
                    break;
                case JsonValueKind.False:
                    SetEntry(options, entry.Name, "false", origin);
                    break;
                default:
                    problems.Add($"'{Path}.{entry.Name}' must be a string, number or boolean; got {ValueText.Describe(entry.Value, IsSecretEntry(entry.Name))}{origin.Suffix}.");
                    break;
            }
        }
    }
}
