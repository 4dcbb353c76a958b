using System.Text.Json;

namespace Cdc.Connector.Configuration.Keys;

/// <summary>
/// One of a fixed set of words. Matching ignores case (CANONICAL from an environment variable is clearly meant),
/// and the documented spelling is what the options hold, so the rest of the code compares ordinally.
/// </summary>
internal sealed class ChoiceKey : ConfigurationKey
{
    private readonly Action<CdcOptions, string> _set;
    private readonly string[] _allowed;

    public ChoiceKey(string section, string name, Action<CdcOptions, string> set, params string[] allowed)
        : base(section, name, isSecret: false)
    {
        _set = set;
        _allowed = allowed;
    }

    public IReadOnlyList<string> Allowed => _allowed;

    private string Requirement => $"must be one of {string.Join(", ", _allowed)}";

    public override void SetFromJson(CdcOptions options, JsonElement value, ValueOrigin origin, ConfigurationProblems problems)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            SetFromText(options, value.GetString() ?? string.Empty, origin, problems);
        }
        else
        {
            Report(problems, Requirement, value, origin);
        }
    }

    public override void SetFromText(CdcOptions options, string value, ValueOrigin origin, ConfigurationProblems problems)
    {
        foreach (var allowed in _allowed)
        {
            if (string.Equals(allowed, value, StringComparison.OrdinalIgnoreCase))
            {
                _set(options, allowed);
                return;
            }
        }

        Report(problems, Requirement, value, origin);
    }
}
