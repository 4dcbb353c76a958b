using System.Text.Json;
using Cdc.Connector.Configuration.Keys;

namespace Cdc.Connector.Configuration;

/// <summary>
/// The configuration file: one JSON object of sections. Comments and trailing commas are accepted (people annotate
/// configuration); duplicate keys are not (which one would win is a silent guess).
/// </summary>
internal static class JsonFileSource
{
    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        AllowDuplicateProperties = false,
    };

    public static void Apply(string path, CdcOptions options, ConfigurationProblems problems)
    {
        var origin = ValueOrigin.File(path);
        using var document = Parse(path);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ConfigurationException(
                $"Configuration file '{path}' must contain a JSON object ({{ \"mongodb\": {{…}}, \"kafka\": {{…}}, … }}); got {ValueText.Describe(root, secret: false)}.");
        }

        foreach (var sectionProperty in root.EnumerateObject())
        {
            var section = ConfigurationSchema.FindSection(sectionProperty.Name, StringComparison.Ordinal);
            if (section is null)
            {
                problems.Add(ConfigurationSchema.UnknownKey(sectionProperty.Name, null, origin));
                continue;
            }

            if (sectionProperty.Value.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"'{section.Name}' must be a JSON object of keys ({section.KnownNames}); got {ValueText.Describe(sectionProperty.Value, secret: false)}{origin.Suffix}.");
                continue;
            }

            foreach (var property in sectionProperty.Value.EnumerateObject())
            {
                switch (section.Find(property.Name, StringComparison.Ordinal))
                {
                    case ConfigurationKey key:
                        key.SetFromJson(options, property.Value, origin, problems);
                        break;
                    case MapKey map:
                        map.SetFromJson(options, property.Value, origin, problems);
                        break;
                    default:
                        problems.Add(ConfigurationSchema.UnknownKey($"{section.Name}.{property.Name}", section, origin));
                        break;
                }
            }
        }
    }

    private static JsonDocument Parse(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            throw new ConfigurationException($"Configuration file '{path}' not found.");
        }
        catch (DirectoryNotFoundException)
        {
            throw new ConfigurationException($"Configuration file '{path}' not found (its directory does not exist).");
        }
        catch (UnauthorizedAccessException ex)
        {
            // Also what reading a directory gives.
            throw new ConfigurationException($"Configuration file '{path}' cannot be read: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new ConfigurationException($"Configuration file '{path}' cannot be read: {ex.Message}", ex);
        }

        try
        {
            return JsonDocument.Parse(bytes, ParseOptions);
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException($"Configuration file '{path}' is not valid JSON{(ex.LineNumber is null ? ": " : " at ")}{JsonErrors.Describe(ex)}", ex);
        }
    }
}
