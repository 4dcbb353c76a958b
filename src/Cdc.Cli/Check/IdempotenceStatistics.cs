using System.Text.Json;

namespace Cdc.Cli.Check;

/// <summary>
/// The idempotence part of librdkafka's statistics JSON: <c>"eos": {"idemp_state": "Assigned", "producer_id": 4000, …}</c>.
/// "Assigned" means the broker gave the producer its id, which it does only when the principal may write idempotently.
/// </summary>
internal static class IdempotenceStatistics
{
    public const string AssignedState = "Assigned";

    public static bool TryRead(string statisticsJson, out string state, out long producerId)
    {
        state = string.Empty;
        producerId = -1;
        try
        {
            using var document = JsonDocument.Parse(statisticsJson);
            if (!document.RootElement.TryGetProperty("eos", out var eos) || eos.ValueKind != JsonValueKind.Object
                || !eos.TryGetProperty("idemp_state", out var idempState) || idempState.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            state = idempState.GetString()!;
            if (eos.TryGetProperty("producer_id", out var id) && id.ValueKind == JsonValueKind.Number)
            {
                producerId = id.GetInt64();
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
