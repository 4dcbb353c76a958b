using System.Text.Json;

namespace Cdc.Connector.Configuration.Keys;

/// <summary>A string key. Optional keys treat an empty value as "not set", so an environment variable can clear one.</summary>
internal sealed class StringKey : ConfigurationKey
{
    private readonly Action<CdcOptions, string?> _set;
    private readonly bool _optional;
    private readonly Func<string, string?>? _check;
    private readonly Func<string, string>? _redact;

    // check: returns the requirement the value breaks ("must start with …"), or null when it is fine.
    // redact: shows a partly secret value (a URI with a password) safely in messages.
    public StringKey(
        string section,
        string name,
        Action<CdcOptions, string?> set,
        bool optional = true,
        Func<string, string?>? check = null,
        bool isSecret = false,
        Func<string, string>? redact = null)
        : base(section, name, isSecret)
    {
        _set = set;
        _optional = optional;
        _check = check;
        _redact = redact;
    }

    public override void SetFromJson(CdcOptions options, JsonElement value, ValueOrigin origin, ConfigurationProblems problems)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                SetFromText(options, value.GetString() ?? string.Empty, origin, problems);
                break;
            case JsonValueKind.Null when _optional:
                _set(options, null);
                break;
            default:
                Report(problems, "must be a string", value, origin);
                break;
        }
    }

    public override void SetFromText(CdcOptions options, string value, ValueOrigin origin, ConfigurationProblems problems)
    {
        if (value.Length == 0)
        {
            if (_optional)
            {
                _set(options, null);
            }
            else
            {
                problems.Add($"'{Path}' must not be empty{origin.Suffix}.");
            }

            return;
        }

        if (_check?.Invoke(value) is { } requirement)
        {
            if (_redact is not null)
            {
                problems.Add($"'{Path}' {requirement}; got \"{_redact(value)}\"{origin.Suffix}.");
            }
            else
            {
                Report(problems, requirement, value, origin);
            }

            return;
        }

        _set(options, value);
    }
}
