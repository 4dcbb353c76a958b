namespace Cdc.Connector.Configuration;

/// <summary>
/// Loads <see cref="CdcOptions"/>: the JSON file (optional), then CDC__SECTION__KEY environment variables, then
/// --set key=value (dotted keys, e.g. mapping.json=canonical), later sources winning. Unknown keys, wrong types,
/// invalid enum values, contradictory settings and (for `run` and `check`) missing endpoints throw one
/// <see cref="ConfigurationException"/> listing every problem of the load in one pass, each naming its key (and never
/// a secret's value).
/// </summary>
internal static class ConfigurationLoader
{
    /// <summary>Loads and checks the configuration; <paramref name="setArguments"/> are the values of --set, each "key=value".</summary>
    public static CdcOptions Load(string? configPath, IReadOnlyList<string> setArguments, IReadOnlyDictionary<string, string> environment) =>
        LoadSources(configPath, setArguments, environment, forRun: false);

    /// <summary>
    /// <see cref="Load(string?, IReadOnlyList{string}, IReadOnlyDictionary{string, string})"/> plus what only `run` and
    /// `check` need (endpoints, checkpoint location), reported in the same pass.
    /// </summary>
    public static CdcOptions LoadForRun(string? configPath, IReadOnlyList<string> setArguments, IReadOnlyDictionary<string, string> environment) =>
        LoadSources(configPath, setArguments, environment, forRun: true);

    private static CdcOptions LoadSources(string? configPath, IReadOnlyList<string> setArguments, IReadOnlyDictionary<string, string> environment, bool forRun)
    {
        var options = new CdcOptions();
        var problems = new ConfigurationProblems();
        if (configPath is not null)
        {
            JsonFileSource.Apply(configPath, options, problems);
        }

        EnvironmentSource.Apply(environment, options, problems);
        SetArgumentSource.Apply(setArguments, options, problems);

        // Every rule runs, so that one pass reports everything; a rule that names a key whose own value was refused
        // is left out by ConfigurationProblems (it would judge a default the user never chose).
        ConsistencyRules.Check(options, problems);
        if (forRun)
        {
            RunRequirements.Check(options, problems);

            // librdkafka creating the producer would only repeat a kafka.producer entry's own problem.
            if (!problems.Refused("kafka.producer."))
            {
                ProducerProperties.CheckCreation(options, problems);
            }
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
    /// kafka.producer entries, TLS files read), for options loaded already; <see cref="LoadForRun"/> checks the same in
    /// its one pass. `inspect` does without them.
    /// </summary>
    public static void ValidateForRun(CdcOptions options)
    {
        var problems = new ConfigurationProblems();
        RunRequirements.Check(options, problems);
        ProducerProperties.CheckCreation(options, problems);
        problems.ThrowIfAny();
    }
}
