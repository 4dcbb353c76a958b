namespace Cdc.Integration.Tests;

/// <summary>
/// The choice between real services, containers and the sandbox, with the environment and the Docker probe injected:
/// CDC_IT_* first, then containers (asked for, or a Docker engine answers), then the sandbox. No Docker needed.
/// </summary>
public sealed class ItBackendSelectionTests
{
    private static readonly DockerProbeResult NoDocker = DockerProbeResult.None("test probe: nothing listens");
    private static readonly DockerProbeResult Docker = DockerProbeResult.At("unix:///test/docker.sock");

    private static readonly Dictionary<string, string?> RealServices = new(StringComparer.Ordinal)
    {
        [ItEndpoints.MongoDbVariable] = "mongodb://db.example:27017/?replicaSet=rs0",
        [ItEndpoints.KafkaVariable] = "kafka.example:9092",
        [ItEndpoints.SchemaRegistryVariable] = "http://registry.example:8081",
    };

    [Fact]
    public void All_three_endpoint_variables_choose_the_real_services_without_probing_Docker()
    {
        var choice = ItBackendSelection.Decide(Environment(RealServices), MustNotProbe);

        Assert.Equal(ItBackend.RealServices, choice.Backend);
        Assert.Equal("CDC_IT_MONGODB_URI, CDC_IT_KAFKA, CDC_IT_SCHEMA_REGISTRY point at real services", choice.Reason);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    public void The_endpoint_variables_win_over_CDC_IT_CONTAINERS_and_the_reason_says_it_is_ignored(string containers)
    {
        var choice = ItBackendSelection.Decide(Environment(RealServices, (ItBackendSelection.ContainersVariable, containers)), MustNotProbe);

        Assert.Equal(ItBackend.RealServices, choice.Backend);
        Assert.EndsWith("(CDC_IT_CONTAINERS is ignored when they are set)", choice.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ItEndpoints.MongoDbVariable, null)]
    [InlineData(ItEndpoints.KafkaVariable, "")]
    [InlineData(ItEndpoints.SchemaRegistryVariable, null)]
    public void With_an_endpoint_variable_missing_or_empty_the_choice_goes_on_to_containers_or_the_sandbox(string variable, string? value)
    {
        var environment = Environment(RealServices, (variable, value));

        Assert.Equal(ItBackend.Containers, ItBackendSelection.Decide(environment, () => Docker).Backend);
        Assert.Equal(ItBackend.Sandbox, ItBackendSelection.Decide(environment, () => NoDocker).Backend);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    [InlineData(" TRUE ")]
    public void CDC_IT_CONTAINERS_1_chooses_containers_without_probing_so_a_missing_engine_fails_loudly_later(string value)
    {
        var choice = ItBackendSelection.Decide(Environment(new(), (ItBackendSelection.ContainersVariable, value)), MustNotProbe);

        Assert.Equal(new ItBackendChoice(ItBackend.Containers, "CDC_IT_CONTAINERS=1 asks for containers"), choice);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("false")]
    public void CDC_IT_CONTAINERS_0_chooses_the_sandbox_without_probing_even_where_Docker_runs(string value)
    {
        var choice = ItBackendSelection.Decide(Environment(new(), (ItBackendSelection.ContainersVariable, value)), MustNotProbe);

        Assert.Equal(new ItBackendChoice(ItBackend.Sandbox, "CDC_IT_CONTAINERS=0 asks for the cdc sandbox"), choice);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Unset_CDC_IT_CONTAINERS_chooses_containers_when_the_probe_reaches_a_Docker_engine(string? value)
    {
        var choice = ItBackendSelection.Decide(Environment(new(), (ItBackendSelection.ContainersVariable, value)), () => Docker);

        Assert.Equal(ItBackend.Containers, choice.Backend);
        Assert.Equal("a Docker engine answers at unix:///test/docker.sock (set CDC_IT_CONTAINERS=0 to use the cdc sandbox instead)", choice.Reason);
    }

    [Fact]
    public void Without_a_Docker_engine_the_sandbox_is_chosen_and_the_reason_quotes_the_probe()
    {
        var choice = ItBackendSelection.Decide(Environment(new()), () => NoDocker);

        Assert.Equal(new ItBackendChoice(ItBackend.Sandbox, "no Docker engine reachable (test probe: nothing listens)"), choice);
    }

    [Fact]
    public void The_probe_runs_once_per_decision()
    {
        var probes = 0;

        _ = ItBackendSelection.Decide(Environment(new()), () =>
        {
            probes++;
            return NoDocker;
        });

        Assert.Equal(1, probes);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("2")]
    [InlineData("containers")]
    public void Any_other_CDC_IT_CONTAINERS_value_is_refused_naming_the_variable_and_the_accepted_values(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ItBackendSelection.Decide(Environment(RealServices, (ItBackendSelection.ContainersVariable, value)), MustNotProbe));

        Assert.StartsWith($"CDC_IT_CONTAINERS is '{value}': set it to 1 ", error.Message, StringComparison.Ordinal);
        Assert.Contains("0 (against the cdc sandbox)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sandbox_fault_tests_run_on_the_sandbox_and_are_skipped_with_the_reason_elsewhere()
    {
        Assert.Null(SandboxFaultFactAttribute.SkipReason(new ItBackendChoice(ItBackend.Sandbox, "no Docker engine reachable (x)")));
        Assert.Equal(
            "Needs the cdc sandbox's fault controls; CDC_IT_MONGODB_URI, CDC_IT_KAFKA and CDC_IT_SCHEMA_REGISTRY point at real services.",
            SandboxFaultFactAttribute.SkipReason(new ItBackendChoice(ItBackend.RealServices, "r")));
        Assert.Equal(
            "Needs the cdc sandbox's fault controls; the tests run against containers: CDC_IT_CONTAINERS=1 asks for containers.",
            SandboxFaultFactAttribute.SkipReason(new ItBackendChoice(ItBackend.Containers, "CDC_IT_CONTAINERS=1 asks for containers")));
    }

    [Fact]
    public void The_container_test_runs_on_containers_and_is_skipped_with_the_reason_elsewhere()
    {
        var noDocker = ItBackendSelection.Decide(Environment(new()), () => NoDocker);

        Assert.Null(ContainersFactAttribute.SkipReason(new ItBackendChoice(ItBackend.Containers, "c")));
        Assert.Equal(
            "The tests run against the cdc sandbox, not containers: no Docker engine reachable (test probe: nothing listens).",
            ContainersFactAttribute.SkipReason(noDocker));
        Assert.Equal(
            "The tests run against real services, not containers: CDC_IT_MONGODB_URI, CDC_IT_KAFKA, CDC_IT_SCHEMA_REGISTRY point at real services.",
            ContainersFactAttribute.SkipReason(ItBackendSelection.Decide(Environment(RealServices), MustNotProbe)));
    }

    private static DockerProbeResult MustNotProbe() => throw new NotSupportedException("The Docker probe ran although the variables decide.");

    private static Func<string, string?> Environment(Dictionary<string, string?> variables, params (string Name, string? Value)[] overrides)
    {
        var all = new Dictionary<string, string?>(variables, StringComparer.Ordinal);
        foreach (var (name, value) in overrides)
        {
            all[name] = value;
        }

        return name => all.GetValueOrDefault(name);
    }
}
