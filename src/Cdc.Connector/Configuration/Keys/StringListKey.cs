using System.Text.Json;

namespace Cdc.Connector.Configuration.Keys;

/// <summary>
/// A list of strings: a JSON array in the file; from text sources (environment, --set) either a JSON array or a
/// comma-separated list, because a shell user writes <c>--set mongodb.includeNamespaces=shop,crm.users</c>.
/// </summary>
internal sealed class StringListKey : ConfigurationKey
{
    private const string Requirement = "must be a JSON array of strings (or, from the environment and --set, a comma-separated list)";
    private readonly Action<CdcOptions, IReadOnlyList<string>> _set;
    private readonly Func<string, string?>? _checkItem;

    // checkItem: returns the requirement one item breaks, or null when it is fine.
    public StringListKey(string section, string name, Action<CdcOptions, IReadOnlyList<string>> set, Func<string, string?>? checkItem = null)
        : base(section, name, isSecret: false)
    {
        _set = set;
        _checkItem = checkItem;
    }

    public override void SetFromJson(CdcOptions options, JsonElement value, ValueOrigin origin, ConfigurationProblems problems)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            Report(problems, Requirement, value, origin);
            return;
        }

        var items = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                problems.Add($"'{Path}[{index}]' must be a string; got {ValueText.Describe(item, secret: false)}{origin.Suffix}.");
            }
            else
            {
                items.Add(item.GetString()!);
            }

            index++;
        }

        if (items.Count == index)
        {
            Accept(options, items, origin, problems);
        }
    }

    public override void SetFromText(CdcOptions options, string value, ValueOrigin origin, ConfigurationProblems problems)
    {
        var trimmed = value.Trim();
        if (trimmed.StartsWith('['))
        {
            try
            {
                using var document = JsonDocument.Parse(trimmed);
                SetFromJson(options, document.RootElement, origin, problems);
            }
            catch (JsonException ex)
            {
                problems.Add($"'{Path}' {Requirement}; got invalid JSON ({JsonErrors.Describe(ex)}){origin.Suffix}.");
            }

            return;
        }

        var items = trimmed.Length == 0 ? [] : trimmed.Split(',', StringSplitOptions.TrimEntries);
        Accept(options, items, origin, problems);
    }

    private void Accept(CdcOptions options, IReadOnlyList<string> items, ValueOrigin origin, ConfigurationProblems problems)
    {
        var valid = true;
        for (var i = 0; i < items.Count; i++)
        {
            if (_checkItem?.Invoke(items[i]) is { } requirement)
            {
                problems.Add($"'{Path}[{i}]' {requirement}; got \"{items[i]}\"{origin.Suffix}.");
                valid = false;
            }
        }

        if (valid)
        {
            _set(options, items);
        }
    }
}
