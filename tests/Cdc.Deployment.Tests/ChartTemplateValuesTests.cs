using System.Text.Json.Nodes;

namespace Cdc.Deployment.Tests;

/// <summary>Every `.Values…` path a template reads exists in values.yaml, so no template silently renders an empty value.</summary>
public sealed class ChartTemplateValuesTests
{
    [Fact]
    public void Every_values_path_used_in_the_templates_exists_in_values_yaml()
    {
        var defaults = ChartValues.Defaults();
        var references = ChartTemplates.All().SelectMany(template => TemplateValuesReferences.Find(template.Name, template.Text)).ToArray();

        var missing = references
            .Where(reference => !Resolves(defaults, reference.Path))
            .Select(reference => $"{reference.Template}:{reference.Line}: .Values.{reference.Path}")
            .ToArray();

        Assert.Empty(missing);
        // The chart reads most of its values by path; a scan finding few means the scan is broken, not the chart clean.
        Assert.True(references.Length >= 40, $"only {references.Length} .Values references found");
        Assert.Contains(references, reference => reference.Path == "config.http.port" && reference.Template == "deployment.yaml");
    }

    [Fact]
    public void No_template_reads_values_through_a_rebound_dot()
    {
        var rebound = ChartTemplates.All()
            .SelectMany(template => TemplateValuesReferences.Find(template.Name, template.Text))
            .Where(reference => !reference.ResolvesFromRoot)
            .Select(reference => $"{reference.Template}:{reference.Line}: .Values.{reference.Path} inside with/range (write $.Values)")
            .ToArray();

        Assert.Empty(rebound);
    }

    [Fact]
    public void The_scan_finds_paths_in_dollar_form_and_flags_them_inside_with_blocks_only_without_the_dollar()
    {
        const string template = """
            {{- with .Values.podLabels }}
            a: {{ $.Values.image.tag }}
            b: {{ .Values.image.repository }}
            {{- end }}
            c: {{ .Values.service.port | quote }}
            {{/* .Values.inAComment */}}
            """;

        var references = TemplateValuesReferences.Find("sample.yaml", template);

        Assert.Equal(
            ["podLabels:True", "image.tag:True", "image.repository:False", "service.port:True"],
            references.Select(reference => $"{reference.Path}:{reference.ResolvesFromRoot}"));
        Assert.False(Resolves(ChartValues.Defaults(), "image.digest"));
    }

    private static bool Resolves(JsonObject values, string dottedPath)
    {
        JsonNode? node = values;
        foreach (var key in dottedPath.Split('.'))
        {
            if (node is not JsonObject map || !map.TryGetPropertyValue(key, out node))
            {
                return false;
            }
        }

        return true;
    }
}
