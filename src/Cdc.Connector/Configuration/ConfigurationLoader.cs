namespace Cdc.Connector.Configuration;

/// <summary>
/// Loads <see cref="CdcOptions"/>: the JSON file (optional), then CDC__SECTION__KEY environment variables, then
/// --set key=value (dotted keys, e.g. mapping.json=canonical), later sources winning. Unknown keys, wrong types,
/// invalid enum values and contradictory settings throw one <see cref="ConfigurationException"/> listing every
/// problem, each naming its key (and never a secret's value).
/// </summary>
internal static class ConfigurationLoader
{
    /// <summary>Loads and checks the configuration; <paramref name="setArguments"/> are the values of --set, each "key=value".</summary>
    public static CdcOptions Load(string? configPath, IReadOnlyList<string> setArguments, IReadOnlyDictionary<string, string> environment)
    {
        var options = new CdcOptions();
        var problems = new ConfigurationProblems();
        if (configPath is not null)
        {
            JsonFileSource.Apply(configPath, options, problems);
        }

        EnvironmentSource.Apply(environment, options, problems);
        SetArgumentSource.Apply(setArguments, options, problems);

        // Cross-key rules only make sense once every value is known to be well-formed.
        if (problems.Count == 0)
        {
            ConsistencyRules.Check(options, problems);
        }

        problems.ThrowIfAny();
        return options;
    }

    /// <summary>The process environment as <see cref="Load"/> takes it.</summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value)
            {
                environment[name] = value;
            }
        }

        return environment;
    }

    /// <summary>
    /// What only `run` and `check` need (endpoints, checkpoint location, a producer librdkafka creates from the
    /// kafka.producer entries, TLS files read); `inspect` does without them.
    /// </summary>
    public static void ValidateForRun(CdcOptions options)
    {
        var problems = new ConfigurationProblems();
        RunRequirements.Check(options, problems);
        ProducerProperties.CheckCreation(options, problems);
        problems.ThrowIfAny();
    }
}
