using Cdc.Connector.Configuration.Keys;

namespace Cdc.Connector.Configuration;

/// <summary>
/// CDC__SECTION__KEY variables, the .NET convention ("__" separates levels). Section and key names match the
/// documented camelCase names ignoring case (CDC__MONGODB__BATCHSIZE is mongodb.batchSize); map entries follow
/// <see cref="EnvironmentNames"/>. A CDC__ variable that names no key is an error, as in the file: a typo in a
/// deployment manifest must not be ignored. CDC__SECTION__KEY_FILE=/path takes the value from a file (mounted secrets);
/// giving both forms of one key is an error, since neither can be assumed to be the one meant.
/// </summary>
internal static class EnvironmentSource
{
    public const string Prefix = "CDC__";

    /// <summary>CDC__SECTION__KEY_FILE=/path reads the value of CDC__SECTION__KEY from that file.</summary>
    public const string FileSuffix = "_FILE";

    /// <summary>Whether any CDC__ variable is set, i.e. whether the environment configures anything.</summary>
    public static bool ConfiguresAnything(IReadOnlyDictionary<string, string> environment) =>
        environment.Keys.Any(name => name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase));

    public static void Apply(IReadOnlyDictionary<string, string> environment, CdcOptions options, ConfigurationProblems problems)
    {
        // Sorted so that two spellings of one key (CDC__MAPPING__JSON, cdc__mapping__json) resolve the same way every run.
        var names = environment.Keys
            .Where(name => name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var direct = new HashSet<string>(names.Where(name => !IsFileVariable(name)), StringComparer.OrdinalIgnoreCase);
        var conflicting = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names.Where(IsFileVariable))
        {
            var target = name[..^FileSuffix.Length];
            if (direct.TryGetValue(target, out var both))
            {
                problems.Add($"Environment variables {both} and {name} both set the same key: keep one ({name} reads the value from a file).");
                conflicting.Add(target);
                continue;
            }

            var path = environment[name];
            if (SecretFiles.Read($"Environment variable {name}", path, problems) is { } value)
            {
                Apply(target, value, ValueOrigin.EnvironmentFile(name, path), options, problems);
            }
        }

        foreach (var name in names)
        {
            if (!IsFileVariable(name) && !conflicting.Contains(name))
            {
                Apply(name, environment[name], ValueOrigin.EnvironmentVariable(name), options, problems);
            }
        }
    }

    private static bool IsFileVariable(string name) =>
        name.Length > Prefix.Length + FileSuffix.Length && name.EndsWith(FileSuffix, StringComparison.OrdinalIgnoreCase);

    private static void Apply(string variable, string value, ValueOrigin origin, CdcOptions options, ConfigurationProblems problems)
    {
        var parts = variable[Prefix.Length..].Split("__");
        var section = ConfigurationSchema.FindSection(parts[0], StringComparison.OrdinalIgnoreCase);
        if (section is null)
        {
            problems.Add(ConfigurationSchema.UnknownKey(string.Join('.', parts), null, origin));
            return;
        }

        if (parts.Length == 1)
        {
            problems.Add($"'{section.Name}' is a section, not a key{origin.Suffix}; set one of its keys ({section.KnownNames}) with {Prefix}{parts[0]}__<KEY>.");
            return;
        }

        switch (section.Find(parts[1], StringComparison.OrdinalIgnoreCase))
        {
            case ConfigurationKey key when parts.Length == 2:
                key.SetFromText(options, value, origin, problems);
                break;
            case MapKey map when parts.Length > 2:
                var tail = string.Join("__", parts, 2, parts.Length - 2);
                var entry = map.EntryNameFromEnvironment(tail);
                if (entry.Length == 0 || entry.Split('.').Contains(string.Empty))
                {
                    problems.Add($"'{map.Path}' entry name from {variable} is empty or has an empty part{origin.Suffix}.");
                    break;
                }

                map.SetEntry(options, entry, value, origin);
                break;
            case MapKey map:
                problems.Add($"'{map.Path}' is a map{origin.Suffix}; set one entry with {variable}__<NAME> ({map.EntryDescription}).");
                break;
            default:
                problems.Add(ConfigurationSchema.UnknownKey($"{section.Name}.{string.Join('.', parts[1..])}", section, origin));
                break;
        }
    }
}
