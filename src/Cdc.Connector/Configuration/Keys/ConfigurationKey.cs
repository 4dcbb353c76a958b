using System.Text.Json;

namespace Cdc.Connector.Configuration.Keys;

/// <summary>
/// A single-valued key. JSON values must have the key's JSON type; text values (environment, --set) are parsed.
/// Problems are collected, not thrown, so one load reports all of them.
/// </summary>
internal abstract class ConfigurationKey : ConfigurationEntry
{
    protected ConfigurationKey(string section, string name, bool isSecret)
        : base(section, name)
    {
        IsSecret = isSecret;
    }

    /// <summary>A secret's value never appears in a message.</summary>
    public bool IsSecret { get; }

    public abstract void SetFromJson(CdcOptions options, JsonElement value, ValueOrigin origin, ConfigurationProblems problems);

    public abstract void SetFromText(CdcOptions options, string value, ValueOrigin origin, ConfigurationProblems problems);

    protected void Report(ConfigurationProblems problems, string requirement, JsonElement value, ValueOrigin origin) =>
        problems.Add($"'{Path}' {requirement}; got {ValueText.Describe(value, IsSecret)}{origin.Suffix}.");

    protected void Report(ConfigurationProblems problems, string requirement, string value, ValueOrigin origin) =>
        problems.Add($"'{Path}' {requirement}; got {ValueText.Describe(value, IsSecret)}{origin.Suffix}.");
}
