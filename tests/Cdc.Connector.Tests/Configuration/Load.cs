using Cdc.Connector.Configuration;

namespace Cdc.Connector.Tests.Configuration;

/// <summary>Shorthands over <see cref="ConfigurationLoader.Load"/> for the tests.</summary>
internal static class Load
{
    public static readonly IReadOnlyDictionary<string, string> NoEnvironment = new Dictionary<string, string>();

    public static CdcOptions FromJson(string json, IReadOnlyDictionary<string, string>? environment = null, params string[] sets)
    {
        using var file = new TemporaryConfigFile(json);
        return ConfigurationLoader.Load(file.Path, sets, environment ?? NoEnvironment);
    }

    public static CdcOptions FromSets(params string[] sets) => ConfigurationLoader.Load(null, sets, NoEnvironment);

    public static CdcOptions FromEnvironment(params (string Name, string Value)[] variables) =>
        ConfigurationLoader.Load(null, [], Environment(variables));

    public static IReadOnlyDictionary<string, string> Environment(params (string Name, string Value)[] variables)
    {
        var environment = new Dictionary<string, string>();
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>The problems of a load that must fail, with the temporary file's path shortened to "config.json".</summary>
    public static IReadOnlyList<string> ProblemsFromJson(string json, params string[] sets)
    {
        using var file = new TemporaryConfigFile(json);
        var ex = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(file.Path, sets, NoEnvironment));
        return ex.Problems.Select(problem => problem.Replace(file.Path, "config.json", StringComparison.Ordinal)).ToArray();
    }

    public static IReadOnlyList<string> ProblemsFromSets(params string[] sets) =>
        Assert.Throws<ConfigurationException>(() => FromSets(sets)).Problems;

    public static IReadOnlyList<string> ProblemsFromEnvironment(params (string Name, string Value)[] variables) =>
        Assert.Throws<ConfigurationException>(() => FromEnvironment(variables)).Problems;
}
