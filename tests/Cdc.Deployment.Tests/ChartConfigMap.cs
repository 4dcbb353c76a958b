using System.Text.Json.Nodes;

namespace Cdc.Deployment.Tests;

/// <summary>
/// What templates/configmap.yaml renders as cdc.json from a release's values: `config`, minus the checkpoint location
/// keys of the stores not chosen (the template's three `unset` lines, which a test checks are still there).
/// </summary>
internal static class ChartConfigMap
{
    public static IReadOnlyList<string> TemplateLines { get; } =
    [
        "{{- if ne $checkpoint.store \"file\" }}{{ $_ := unset $checkpoint \"path\" }}{{ end }}",
        "{{- if ne $checkpoint.store \"kafka\" }}{{ $_ := unset $checkpoint \"topic\" }}{{ end }}",
        "{{- if ne $checkpoint.store \"mongodb\" }}{{ $_ := unset $checkpoint \"collection\" }}{{ end }}",
    ];

    public static string RenderCdcJson(JsonObject values)
    {
        var config = values["config"]!.DeepClone().AsObject();
        var checkpoint = config["checkpoint"]!.AsObject();
        var store = checkpoint["store"]!.GetValue<string>();
        RemoveUnless(checkpoint, store, "file", "path");
        RemoveUnless(checkpoint, store, "kafka", "topic");
        RemoveUnless(checkpoint, store, "mongodb", "collection");
        return config.ToJsonString();
    }

    /// <summary>The secret variables a release's pod gets: from `secrets`, or for an existingSecret, placeholders for what it must hold.</summary>
    public static IReadOnlyDictionary<string, string> SecretEnvironment(JsonObject values)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var existingSecret = values["existingSecret"]!.GetValue<string>();
        foreach (var (secretsValue, _, variable) in ChartSecretEnvironment.Entries)
        {
            var value = values["secrets"]![secretsValue]!.GetValue<string>();
            if (existingSecret.Length > 0)
            {
                value = secretsValue switch
                {
                    "mongodbUri" => "mongodb://cdc:placeholder@mongo-0:27017/?replicaSet=rs0",
                    "schemaRegistryBasicAuth" => "cdc:placeholder",

                    // The registry takes one kind of credentials: the placeholder Secret holds basic auth.
                    "schemaRegistryBearerToken" or "schemaRegistryOAuthClientSecret" => string.Empty,
                    _ => "placeholder",
                };
            }

            if (value.Length > 0)
            {
                environment[variable] = value;
            }
        }

        return environment;
    }

    private static void RemoveUnless(JsonObject checkpoint, string store, string owner, string key)
    {
        if (store != owner)
        {
            checkpoint.Remove(key);
        }
    }
}
