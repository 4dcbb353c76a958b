using Cdc.Connector.Observability;

namespace Cdc.Connector.Pipeline;

/// <summary>
/// What a failure means, decided once by <see cref="FailureClassifier"/>: what the runner does next, which
/// <see cref="ErrorKinds"/> label it counts under, one line saying what happened, and the fix, when the failure calls for
/// one. `cdc run` logs <see cref="Line"/>; `cdc check` prints <see cref="Summary"/> and <see cref="Fix"/> in its columns.
/// </summary>
internal sealed record FailureVerdict(FailureAction Action, string ErrorKind, string Summary, string? Fix)
{
    public string Line => Fix is null ? Summary : $"{Summary} — fix: {Fix}";
}
