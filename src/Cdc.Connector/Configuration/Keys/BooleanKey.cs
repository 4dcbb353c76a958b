using System.Text.Json;

namespace Cdc.Connector.Configuration.Keys;

internal sealed class BooleanKey : ConfigurationKey
{
    private const string Requirement = "must be true or false";
    private readonly Action<CdcOptions, bool> _set;

    public BooleanKey(string section, string name, Action<CdcOptions, bool> set)
        : base(section, name, isSecret: false)
    {
        _set = set;
    }

    public override void SetFromJson(CdcOptions options, JsonElement value, ValueOrigin origin, ConfigurationProblems problems)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.True:
                _set(options, true);
                break;
            case JsonValueKind.False:
                _set(options, false);
                break;
            default:
                Report(problems, Requirement, value, origin);
                break;
        }
    }

    public override void SetFromText(CdcOptions options, string value, ValueOrigin origin, ConfigurationProblems problems)
    {
        if (bool.TryParse(value, out var parsed))
        {
            _set(options, parsed);
        }
        else
        {
            Report(problems, Requirement, value, origin);
        }
    }
}
