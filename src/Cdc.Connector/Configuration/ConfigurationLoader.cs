namespace Cdc.Connector.Configuration;

/// <summary>
/// Loads <see cref="CdcOptions"/>: the JSON file (optional), then CDC__SECTION__KEY environment variables, then
/// --set key=value (dotted keys, e.g. mapping.json=canonical), later sources winning. Unknown keys, wrong types and
/// invalid enum values throw <see cref="ConfigurationException"/> naming the key. STUB: signature is the contract.
/// </summary>
internal static class ConfigurationLoader
{
    public static CdcOptions Load(string? configPath, IReadOnlyList<string> setArguments, IReadOnlyDictionary<string, string> environment) =>
        throw new NotImplementedException($"{configPath}{setArguments.Count}{environment.Count}");
}
