using System.Globalization;
using System.Text.Json;

namespace Cdc.Connector.Configuration.Keys;

internal sealed class IntegerKey : ConfigurationKey
{
    private readonly Action<CdcOptions, int> _set;
    private readonly int _minimum;
    private readonly int _maximum;

    public IntegerKey(string section, string name, Action<CdcOptions, int> set, int minimum, int maximum = int.MaxValue)
        : base(section, name, isSecret: false)
    {
        _set = set;
        _minimum = minimum;
        _maximum = maximum;
    }

    private string Requirement => _maximum == int.MaxValue
        ? $"must be an integer ≥ {_minimum}"
        : $"must be an integer between {_minimum} and {_maximum}";

    public override void SetFromJson(CdcOptions options, JsonElement value, ValueOrigin origin, ConfigurationProblems problems)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && InRange(number))
        {
            _set(options, (int)number);
        }
        else
        {
            Report(problems, Requirement, value, origin);
        }
    }

    public override void SetFromText(CdcOptions options, string value, ValueOrigin origin, ConfigurationProblems problems)
    {
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && InRange(number))
        {
            _set(options, (int)number);
        }
        else
        {
            Report(problems, Requirement, value, origin);
        }
    }

    private bool InRange(long number) => number >= _minimum && number <= _maximum;
}
