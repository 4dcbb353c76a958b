namespace Cdc.Integration.Tests;

/// <summary>
/// A test of the container stack itself: it runs when the tests run against containers, and is otherwise reported as
/// skipped with the reason (where no Docker engine answers: "no Docker engine reachable (…)"), so a run shows that the
/// container path was not taken and why.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ContainersFactAttribute : FactAttribute
{
    public ContainersFactAttribute() => Skip = SkipReason(ItBackendSelection.Current);

    /// <summary>Why the container stack is not tested on <paramref name="choice"/>; null when the tests run against containers.</summary>
    internal static string? SkipReason(ItBackendChoice choice) => choice.Backend switch
    {
        ItBackend.Containers => null,
        ItBackend.RealServices => $"The tests run against real services, not containers: {choice.Reason}.",
        _ => $"The tests run against the cdc sandbox, not containers: {choice.Reason}.",
    };
}
