using System.Text.Json;

namespace Cdc.Connector.Configuration.Keys;

/// <summary>
/// A key whose value is a JSON structure (an array, an object): from text sources (environment, --set) the whole value
/// is one JSON text, parsed and then checked as if it had come from the file.
/// </summary>
internal abstract class JsonTextKey : ConfigurationKey
{
    protected JsonTextKey(string section, string name)
        : base(section, name, isSecret: false)
    {
    }

    /// <summary>What the value must be, for messages: "must be a JSON array of …".</summary>
    protected abstract string Requirement { get; }

    public override void SetFromText(CdcOptions options, string value, ValueOrigin origin, ConfigurationProblems problems)
    {
        try
        {
            using var document = JsonDocument.Parse(value);
            SetFromJson(options, document.RootElement, origin, problems);
        }
        catch (JsonException ex)
        {
            problems.Add($"'{Path}' {Requirement}; got invalid JSON ({JsonErrors.Describe(ex)}){origin.Suffix}.");
        }
    }
}
