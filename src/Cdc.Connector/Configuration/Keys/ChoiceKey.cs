using System.Text.Json;

namespace Cdc.Connector.Configuration.Keys;

/// <summary>
/// One of a fixed set of words. Matching ignores case (CANONICAL from an environment variable is clearly meant);
/// the documented spelling is the one messages and print-config show.
/// </summary>
internal abstract class ChoiceKey : ConfigurationKey
{
    protected ChoiceKey(string section, string name)
        : base(section, name, isSecret: false)
    {
    }

    /// <summary>The accepted words in their documented spelling and order.</summary>
    public abstract IReadOnlyList<string> Allowed { get; }

    private string Requirement => $"must be one of {string.Join(", ", Allowed)}";

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
        for (var i = 0; i < Allowed.Count; i++)
        {
            if (string.Equals(Allowed[i], value, StringComparison.OrdinalIgnoreCase))
            {
                Set(options, i);
                return;
            }
        }

        Report(problems, Requirement, value, origin);
    }

    /// <summary>Sets the value of the <paramref name="index"/>th word of <see cref="Allowed"/>.</summary>
    protected abstract void Set(CdcOptions options, int index);
}
