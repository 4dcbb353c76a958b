using Cdc.Connector.Configuration.Keys;

namespace Cdc.Connector.Configuration;

/// <summary>
/// --set key=value arguments (each element of the list is "key=value"). Keys are the documented dotted names; for a
/// map everything after "section.name." is the entry name, dots included: kafka.topics.shop.orders=orders-v2.
/// </summary>
internal static class SetArgumentSource
{
    /// <summary>--set key@file=/path reads the value from a file, so a secret need not appear in the process list.</summary>
    public const string FileSuffix = "@file";

    public static void Apply(IReadOnlyList<string> arguments, CdcOptions options, ConfigurationProblems problems)
    {
        foreach (var argument in arguments)
        {
            Apply(argument, options, problems);
        }
    }

    private static void Apply(string argument, CdcOptions options, ConfigurationProblems problems)
    {
        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            // A mistyped "uri:mongodb://user:pw@…" must not be echoed: anything with ':' may carry a secret.
            var shown = argument.Contains(':', StringComparison.Ordinal) ? "an argument without '='" : $"\"{argument}\"";
            problems.Add($"--set expects key=value (e.g. --set mapping.json=canonical); got {shown}.");
            return;
        }

        var path = argument[..equals];
        var value = argument[(equals + 1)..];
        var origin = ValueOrigin.SetArgument(path);
        if (path.EndsWith(FileSuffix, StringComparison.Ordinal) && path.Length > FileSuffix.Length)
        {
            var file = value;
            path = path[..^FileSuffix.Length];
            if (SecretFiles.Read($"--set {path}{FileSuffix}", file, problems) is not { } content)
            {
                return;
            }

            value = content;
            origin = ValueOrigin.SetArgumentFile(path, file);
        }

        var parts = path.Split('.', 3);
        var section = ConfigurationSchema.FindSection(parts[0], StringComparison.Ordinal);
        if (section is null)
        {
            problems.Add(ConfigurationSchema.UnknownKey(path, null, origin));
            return;
        }

        if (parts.Length == 1)
        {
            problems.Add($"'{section.Name}' is a section, not a key{origin.Suffix}; set one of its keys: {section.KnownNames}.");
            return;
        }

        switch (section.Find(parts[1], StringComparison.Ordinal))
        {
            case ConfigurationKey key when parts.Length == 2:
                key.SetFromText(options, value, origin, problems);
                break;
            case MapKey map when parts.Length == 3 && parts[2].Length > 0:
                map.SetEntry(options, parts[2], value, origin);
                break;
            case MapKey map:
                problems.Add($"'{map.Path}' is a map{origin.Suffix}; set one entry with --set {map.Path}.{map.EntryDescription}.");
                break;
            default:
                problems.Add(ConfigurationSchema.UnknownKey(path, section, origin));
                break;
        }
    }
}
