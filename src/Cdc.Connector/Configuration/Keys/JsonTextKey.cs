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

    /// <summary>An empty text (CDC__SECTION__KEY=, --set key=) unsets the key, as it does for optional strings.</summary>
    protected virtual bool EmptyTextUnsets => false;

    public override void SetFromText(CdcOptions options, string value, ValueOrigin origin, ConfigurationProblems problems)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (EmptyTextUnsets && string.IsNullOrWhiteSpace(value))
        {
            value = "null";
        }

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
