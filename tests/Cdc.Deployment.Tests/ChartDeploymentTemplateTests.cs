using Cdc.Cli.Runtime;

namespace Cdc.Deployment.Tests;

/// <summary>
/// The Deployment's fixed guarantees, checked in its text (no helm binary here to render it): one writer, Recreate,
/// restarts on config changes, probes on the connector's endpoints, a locked-down container.
/// </summary>
public sealed class ChartDeploymentTemplateTests
{
    private static readonly string Deployment = ChartTemplates.Read("deployment.yaml");

    [Theory]
    [InlineData("  replicas: 1\n")]
    [InlineData("  strategy:\n    type: Recreate\n")]
    [InlineData("checksum/config: {{ include (print $.Template.BasePath \"/configmap.yaml\") . | sha256sum }}")]
    [InlineData("checksum/secret: {{ include (print $.Template.BasePath \"/secret.yaml\") . | sha256sum }}")]
    [InlineData("livenessProbe:\n            httpGet:\n              path: /healthz\n              port: http\n")]
    [InlineData("readinessProbe:\n            httpGet:\n              path: /readyz\n              port: http\n")]
    [InlineData("- name: http\n              containerPort: {{ .Values.config.http.port }}\n")]
    [InlineData("args: [\"run\", \"--config\", \"/etc/cdc/cdc.json\"]")]
    [InlineData("- name: config\n              mountPath: /etc/cdc\n              readOnly: true\n")]
    [InlineData("- name: tmp\n              mountPath: /tmp\n")]
    [InlineData("securityContext:\n            {{- toYaml .Values.securityContext | nindent 12 }}")]
    [InlineData("resources:\n            {{- toYaml .Values.resources | nindent 12 }}")]
    [InlineData("{{- include \"cdc-connector.validate\" . }}")]
    public void Deployment_template_contains(string fragment)
    {
        Assert.Contains(fragment.ReplaceLineEndings("\n"), Deployment.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Replicas_is_not_a_value_and_no_autoscaler_exists()
    {
        Assert.DoesNotContain(".Values.replica", Deployment, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ChartTemplates.All(), template => template.Text.Contains("HorizontalPodAutoscaler", StringComparison.Ordinal));
        Assert.DoesNotContain("RollingUpdate", Deployment, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_security_contexts_run_non_root_on_a_read_only_filesystem_without_capabilities()
    {
        var defaults = ChartValues.Defaults();
        var container = defaults["securityContext"]!;
        var pod = defaults["podSecurityContext"]!;

        Assert.True(container["runAsNonRoot"]!.GetValue<bool>());
        Assert.Equal(1654, container["runAsUser"]!.GetValue<int>());
        Assert.True(container["readOnlyRootFilesystem"]!.GetValue<bool>());
        Assert.False(container["allowPrivilegeEscalation"]!.GetValue<bool>());
        Assert.Equal(["ALL"], container["capabilities"]!["drop"]!.AsArray().Select(cap => cap!.GetValue<string>()));
        Assert.Equal("RuntimeDefault", container["seccompProfile"]!["type"]!.GetValue<string>());
        Assert.True(pod["runAsNonRoot"]!.GetValue<bool>());
        Assert.Equal(1654, pod["runAsUser"]!.GetValue<int>());
        Assert.Equal("RuntimeDefault", pod["seccompProfile"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void Default_grace_period_outlasts_the_connector_shutdown_grace()
    {
        var defaults = ChartValues.Defaults();
        var graceMs = defaults["config"]!["pipeline"]!["shutdownGraceMs"]!.GetValue<int>();
        var terminationSeconds = defaults["terminationGracePeriodSeconds"]!.GetValue<int>();

        Assert.True(terminationSeconds >= (graceMs / 1000) + 5, $"terminationGracePeriodSeconds {terminationSeconds} vs shutdownGraceMs {graceMs}");
        Assert.Contains("add (div (int $config.pipeline.shutdownGraceMs) 1000) 5", ChartTemplates.Read("_helpers.tpl"), StringComparison.Ordinal);
    }

    public static TheoryData<string> CiValueFiles => new(ChartValues.CiValueFiles);

    // The same rules as the "cdc-connector.validate" template (which a test above pins to the Deployment), so an
    // example release that `helm template` would refuse fails here first.
    [Theory]
    [MemberData(nameof(CiValueFiles))]
    public void Every_ci_release_passes_the_charts_own_render_checks(string valuesFile)
    {
        var values = ChartValues.Check(new ChartValuesCase(valuesFile, valuesFile)).Values;
        var config = values["config"]!;

        var graceSeconds = (config["pipeline"]!["shutdownGraceMs"]!.GetValue<int>() / 1000) + 5;
        Assert.True(values["terminationGracePeriodSeconds"]!.GetValue<int>() >= graceSeconds, $"terminationGracePeriodSeconds below {graceSeconds}");
        Assert.NotEqual(string.Empty, config["kafka"]!["bootstrapServers"]!.GetValue<string>());
        Assert.NotEqual(string.Empty, config["schemaRegistry"]!["url"]!.GetValue<string>());
        Assert.True(
            values["existingSecret"]!.GetValue<string>().Length > 0 || values["secrets"]!["mongodbUri"]!.GetValue<string>().Length > 0,
            "neither existingSecret nor secrets.mongodbUri is set");
        if (config["checkpoint"]!["store"]!.GetValue<string>() == "file")
        {
            var mountPath = values["dataVolume"]!["mountPath"]!.GetValue<string>().TrimEnd('/') + "/";
            Assert.StartsWith(mountPath, config["checkpoint"]!["path"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Secrets_reach_the_connector_from_the_secret_and_never_from_the_config_map()
    {
        var secret = ChartTemplates.Read("secret.yaml").ReplaceLineEndings("\n");
        foreach (var (value, key, variable) in ChartSecretEnvironment.Entries)
        {
            Assert.Contains($"- name: {variable}\n              valueFrom:\n                secretKeyRef:\n                  name: {{{{ include \"cdc-connector.secretName\" . }}}}\n                  key: {key}\n                  optional: true\n", Deployment.ReplaceLineEndings("\n"), StringComparison.Ordinal);
            Assert.Contains($"  {{{{- with .Values.secrets.{value} }}}}\n  {key}: {{{{ . | b64enc | quote }}}}\n", secret, StringComparison.Ordinal);
        }

        Assert.StartsWith("{{- if not .Values.existingSecret }}", ChartTemplates.Read("secret.yaml"), StringComparison.Ordinal);
        Assert.DoesNotContain(".Values.secrets", ChartTemplates.Read("configmap.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public void Service_monitor_is_optional_and_off_by_default_and_scrapes_metrics()
    {
        var serviceMonitor = ChartTemplates.Read("servicemonitor.yaml");

        Assert.StartsWith("{{- if .Values.serviceMonitor.enabled }}", serviceMonitor, StringComparison.Ordinal);
        Assert.Contains("kind: ServiceMonitor", serviceMonitor, StringComparison.Ordinal);
        Assert.Contains("path: /metrics", serviceMonitor, StringComparison.Ordinal);
        Assert.False(ChartValues.Defaults()["serviceMonitor"]!["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public void Test_hook_calls_readyz_through_the_service_as_non_root()
    {
        var hook = ChartTemplates.Read("tests/test-readyz.yaml");

        Assert.Contains("helm.sh/hook: test", hook, StringComparison.Ordinal);
        Assert.Contains("http://{{ include \"cdc-connector.fullname\" . }}:{{ .Values.service.port }}/readyz", hook, StringComparison.Ordinal);
        Assert.Contains("runAsNonRoot: true", hook, StringComparison.Ordinal);
        // The hook pod must not carry the selector labels, or the Service would route to it.
        Assert.DoesNotContain("cdc-connector.selectorLabels", hook, StringComparison.Ordinal);
        Assert.DoesNotContain("app.kubernetes.io/name", hook, StringComparison.Ordinal);
    }

    [Fact]
    public void Chart_app_version_is_the_connector_version()
    {
        var chart = File.ReadAllLines(Path.Combine(ChartValues.ChartDirectory, "Chart.yaml"));

        Assert.Contains($"appVersion: \"{ProductVersion.Value}\"", chart);
        Assert.Contains("apiVersion: v2", chart);
        Assert.Contains("type: application", chart);
    }

    [Fact]
    public void Helpers_define_the_recommended_labels_and_truncate_names_to_63_characters()
    {
        var helpers = ChartTemplates.Read("_helpers.tpl");

        foreach (var label in new[] { "app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/version", "app.kubernetes.io/component", "app.kubernetes.io/part-of", "app.kubernetes.io/managed-by", "helm.sh/chart" })
        {
            Assert.Contains(label + ":", helpers, StringComparison.Ordinal);
        }

        foreach (var name in new[] { "cdc-connector.name", "cdc-connector.fullname", "cdc-connector.chart", "cdc-connector.labels", "cdc-connector.selectorLabels", "cdc-connector.serviceAccountName" })
        {
            Assert.Contains($"{{{{- define \"{name}\" -}}}}", helpers, StringComparison.Ordinal);
        }

        // name, fullnameOverride, release name alone, release-chart, chart label.
        Assert.Equal(5, helpers.Split("trunc 63 | trimSuffix \"-\"").Length - 1);
    }
}
