using Confluent.Kafka;

namespace Cdc.Cli.Check;

/// <summary>
/// The verdict of the idempotent-producer probe: the producer id was assigned (pass), the cluster refused it for
/// authorization (fail, naming the IdempotentWrite ACL), another fatal error, or no id within the limit.
/// </summary>
internal static class IdempotenceRules
{
    public const string Name = "idempotent producer";

    public static CheckResult Evaluate(string? state, long producerId, Error? fatal, string? lastError, TimeSpan limit)
    {
        var area = CheckAreas.Kafka;
        if (fatal is not null)
        {
            return fatal.Code is ErrorCode.ClusterAuthorizationFailed or ErrorCode.TransactionalIdAuthorizationFailed
                ? CheckResult.Fail(area, Name, $"the cluster refused a producer id: {fatal.Reason} ({fatal.Code})",
                    "grant the connector's principal the IdempotentWrite operation on the cluster (kafka-acls --add --allow-principal User:<name> --operation IdempotentWrite --cluster); Kafka 3.0 and later grant it with Write on any topic")
                : CheckResult.Fail(area, Name, $"the producer failed fatally: {fatal.Reason} ({fatal.Code})",
                    "check the brokers' version (idempotence needs Kafka 0.11 or later) and the security settings under kafka.producer");
        }

        if (state == IdempotenceStatistics.AssignedState)
        {
            return CheckResult.Pass(area, Name, $"the connector's producer configuration got producer id {producerId} (enable.idempotence=true, acks=all)");
        }

        var seen = state is null ? "no statistics" : $"state {state}";
        var error = lastError is null ? string.Empty : $"; last error: {lastError}";
        return CheckResult.Fail(area, Name, $"no producer id within {limit.TotalSeconds:0.#} s ({seen}{error})",
            "check that the brokers are reachable with the settings under kafka.producer and that the principal may write idempotently (IdempotentWrite on the cluster)");
    }
}
