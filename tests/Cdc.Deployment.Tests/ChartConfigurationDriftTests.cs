using System.Text.Json.Nodes;
using Cdc.Connector.Configuration;
using Cdc.Connector.Configuration.Keys;
using Cdc.Connector.Tests.Configuration;

namespace Cdc.Deployment.Tests;

/// <summary>
/// The chart's `config` and the connector's configuration keys cannot drift apart: every key the chart offers is one
/// the connector accepts, every key the connector accepts can be set through the chart (in `config`, or for the two
/// secrets through the Secret), the types and choices agree, and the rendered cdc.json loads.
/// </summary>
public sealed class ChartConfigurationDriftTests
{
    private static readonly JsonObject ConfigSchema = ChartValues.Schema()["properties"]!["config"]!.AsObject();

    [Fact]
    public void Every_schema_config_key_is_a_connector_key()
    {
        var unknown = new List<string>();
        foreach (var (sectionName, sectionSchema) in Properties(ConfigSchema))
        {
            var section = ConfigurationSchema.FindSection(sectionName, StringComparison.Ordinal);
            if (section is null)
            {
                unknown.Add(sectionName);
                continue;
            }

            unknown.AddRange(Properties(sectionSchema!.AsObject())
                .Where(key => section.Find(key.Name, StringComparison.Ordinal) is null)
                .Select(key => $"{sectionName}.{key.Name}"));
        }

        Assert.Empty(unknown);
    }

    [Fact]
    public void Every_values_yaml_config_key_is_a_connector_key()
    {
        var config = ChartValues.Defaults()["config"]!.AsObject();
        var unknown = new List<string>();
        var keys = 0;
        foreach (var (sectionName, sectionValues) in config)
        {
            var section = ConfigurationSchema.FindSection(sectionName, StringComparison.Ordinal);
            foreach (var (key, _) in sectionValues!.AsObject())
            {
                keys++;
                if (section?.Find(key, StringComparison.Ordinal) is null)
                {
                    unknown.Add($"{sectionName}.{key}");
                }
            }
        }

        Assert.Empty(unknown);
        Assert.Equal(ConfigurationSchema.Sections.Sum(section => section.Entries.Count) - ChartSecretEnvironment.SecretOnlyKeys.Count, keys);
    }

    [Fact]
    public void Every_connector_key_can_be_set_through_the_chart()
    {
        var missing = new List<string>();
        var secretOnly = new List<string>();
        foreach (var section in ConfigurationSchema.Sections)
        {
            var sectionSchema = ConfigSchema["properties"]![section.Name]?.AsObject();
            foreach (var entry in section.Entries)
            {
                if (sectionSchema?["properties"]?[entry.Name] is not null)
                {
                    continue;
                }

                (ChartSecretEnvironment.SecretOnlyKeys.Contains(entry.Path) ? secretOnly : missing).Add(entry.Path);
            }
        }

        Assert.Empty(missing);
        // The keys left out of `config` are exactly the secrets, and each reaches the pod as its variable.
        Assert.Equal(ChartSecretEnvironment.SecretOnlyKeys.Order(StringComparer.Ordinal), secretOnly.Order(StringComparer.Ordinal));
        var variables = ChartSecretEnvironment.Entries.Select(entry => entry.Variable).ToArray();
        Assert.Contains("CDC__MONGODB__URI", variables);
        Assert.Contains("CDC__SCHEMAREGISTRY__BASICAUTH", variables);
    }

    [Fact]
    public void Schema_types_and_choices_match_the_connector_keys()
    {
        var mismatches = new List<string>();
        foreach (var section in ConfigurationSchema.Sections)
        {
            var sectionSchema = ConfigSchema["properties"]![section.Name]!.AsObject();
            Assert.False(sectionSchema["additionalProperties"]!.GetValue<bool>(), $"config.{section.Name} must refuse unknown keys");
            foreach (var entry in section.Entries)
            {
                if (sectionSchema["properties"]![entry.Name] is JsonObject property && Describe(entry, property) is { } problem)
                {
                    mismatches.Add($"{entry.Path}: {problem}");
                }
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public void Config_map_template_keeps_only_the_chosen_stores_location()
    {
        var template = ChartTemplates.Read("configmap.yaml");

        foreach (var line in ChartConfigMap.TemplateLines)
        {
            Assert.Contains(line, template, StringComparison.Ordinal);
        }

        Assert.Contains("{{- $config | toPrettyJson | nindent 4 }}", template, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_yaml_config_loads_as_a_connector_configuration()
    {
        var values = ChartValues.Defaults();

        var options = Load.FromJson(ChartConfigMap.RenderCdcJson(values), Load.NoEnvironment);

        Assert.Equal("kafka", ConfigurationSchema.WordOf(options.Checkpoint.Store));
        Assert.Equal("cdc.checkpoints", options.Checkpoint.Topic);
        Assert.Equal("json", ConfigurationSchema.WordOf(options.Logging.Format));
        Assert.Equal(values["config"]!["http"]!["port"]!.GetValue<int>(), options.Http.Port);
        // The endpoints are the user's to give (the chart's `required` checks): without them `run` refuses to start.
        var problems = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.ValidateForRun(options)).Problems;
        Assert.Contains(problems, problem => problem.Contains("'kafka.bootstrapServers' is required", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Contains("'mongodb.uri' is required", StringComparison.Ordinal));
    }

    public static TheoryData<string> CiValueFiles => new(ChartValues.CiValueFiles);

    [Theory]
    [MemberData(nameof(CiValueFiles))]
    public void Every_ci_release_renders_a_configuration_the_connector_runs_with(string valuesFile)
    {
        var values = ChartValues.Check(new ChartValuesCase(valuesFile, valuesFile)).Values;
        var environment = ChartConfigMap.SecretEnvironment(values);

        var options = Load.FromJson(ChartConfigMap.RenderCdcJson(values), environment);
        ConfigurationLoader.ValidateForRun(options);

        Assert.Equal(values["config"]!["pipeline"]!["name"]!.GetValue<string>(), options.Pipeline.Name);
        Assert.Equal(values["config"]!["checkpoint"]!["store"]!.GetValue<string>(), ConfigurationSchema.WordOf(options.Checkpoint.Store));
        Assert.Equal(environment["CDC__MONGODB__URI"], options.MongoDb.Uri);
        if (environment.TryGetValue("CDC__KAFKA__PRODUCER__SASL_PASSWORD", out var saslPassword))
        {
            Assert.Equal(saslPassword, options.Kafka.Producer["sasl.password"]);
        }
    }

    private static IEnumerable<(string Name, JsonNode? Schema)> Properties(JsonObject schema) =>
        schema["properties"]!.AsObject().Select(property => (property.Key, property.Value));

    private static string? Describe(ConfigurationEntry entry, JsonObject property)
    {
        var type = property["type"]?.ToJsonString();
        return entry switch
        {
            ChoiceKey choice => !SameChoices(choice.Allowed, property["enum"]) ? $"enum {property["enum"]?.ToJsonString()} is not [{string.Join(", ", choice.Allowed)}]" : null,
            IntegerKey => type == "\"integer\"" ? null : $"type {type}, expected integer",
            BooleanKey => type == "\"boolean\"" ? null : $"type {type}, expected boolean",
            StringKey => type == "\"string\"" ? null : $"type {type}, expected string",
            StringListKey => type == "\"array\"" && property["items"]?["type"]?.GetValue<string>() == "string" ? null : "expected an array of strings",
            PipelineKey => type == "\"array\"" ? null : "expected an array of stages",

            // A collation document, or null (unset): the chart's default, since the connector refuses "" for this key.
            CollationKey => type == "[\"object\",\"null\"]" && property["required"]?.ToJsonString() == "[\"locale\"]" ? null : "expected an object with a required locale, or null",
            MapKey => type == "\"object\"" && property["additionalProperties"] is JsonObject valueSchema && valueSchema["type"]!.ToJsonString().Contains("\"string\"", StringComparison.Ordinal)
                ? null
                : "expected an object whose values are strings",
            _ => $"unknown key kind {entry.GetType().Name}",
        };
    }

    private static bool SameChoices(IReadOnlyList<string> allowed, JsonNode? schemaEnum) =>
        schemaEnum is JsonArray values && values.Select(value => value!.GetValue<string>()).Order(StringComparer.Ordinal).SequenceEqual(allowed.Order(StringComparer.Ordinal));
}
