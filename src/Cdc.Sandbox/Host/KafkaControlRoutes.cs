using System.Globalization;
using System.Text.Json;
using Cdc.Sandbox.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cdc.Sandbox.Host;

/// <summary>The control API's <c>/kafka/…</c> endpoints: one to one onto <see cref="KafkaMockCluster"/>'s controls.</summary>
internal static class KafkaControlRoutes
{
    private const int MaxErrorsPerPush = 10_000;

    public static void Map(IEndpointRouteBuilder routes, KafkaMockCluster kafka)
    {
        routes.MapPost("/kafka/topics", context => CreateTopic(context, kafka));
        routes.MapPost("/kafka/brokers/{broker}/down", context => SetUpDown(context, kafka, up: false));
        routes.MapPost("/kafka/brokers/{broker}/up", context => SetUpDown(context, kafka, up: true));
        routes.MapPost("/kafka/brokers/{broker}/rtt", context => SetRoundTripTime(context, kafka));
        routes.MapPost("/kafka/request-errors", context => PushRequestErrors(context, kafka));
        routes.MapDelete("/kafka/request-errors/{apiKey}", context => ClearRequestErrors(context, kafka));
    }

    /// <summary>The brokers as <c>/status</c> shows them.</summary>
    public static void WriteBrokers(Utf8JsonWriter json, KafkaMockCluster kafka)
    {
        json.WriteStartArray();
        foreach (var broker in kafka.Brokers)
        {
            json.WriteStartObject();
            json.WriteNumber("id", broker.Id);
            json.WriteString("endpoint", broker.Endpoint);
            json.WriteString("state", broker.IsUp ? "up" : "down");
            json.WriteNumber("rttMs", broker.RoundTripTimeMs);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>librdkafka's request type by name (<c>Produce</c>, case-insensitive) or protocol ApiKey number.</summary>
    public static KafkaApiKey ParseApiKey(string text)
    {
        KafkaApiKey? parsed = null;
        if (short.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            parsed = (KafkaApiKey)number;
        }
        else if (text.Length > 0 && char.IsAsciiLetter(text[0]) && Enum.TryParse<KafkaApiKey>(text, ignoreCase: true, out var named))
        {
            // Enum.TryParse also takes numbers and comma lists; only plain names get here.
            parsed = named;
        }

        return parsed is { } key && Enum.IsDefined(key)
            ? key
            : throw ControlApiError.BadRequest(
                $"'{text}' is not a request type librdkafka's mock broker implements; use one of {string.Join(", ", Enum.GetValues<KafkaApiKey>().Select(k => $"{k} ({(short)k})"))}.");
    }

    private static async Task CreateTopic(HttpContext context, KafkaMockCluster kafka)
    {
        using var body = await ControlJson.ReadObject(context, "name", "partitions", "replicationFactor").ConfigureAwait(false);
        var name = ControlJson.RequiredString(body.RootElement, "name");
        var partitions = ControlJson.RequiredInt(body.RootElement, "partitions", 1, KafkaMockCluster.MaxPartitionCount);
        var replicationFactor = ControlJson.OptionalInt(body.RootElement, "replicationFactor", 1, kafka.BrokerCount) ?? 1;
        kafka.CreateTopic(name, partitions, replicationFactor);
        await ControlJson.Write(context, 201, json =>
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteNumber("partitions", partitions);
            json.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static Task SetUpDown(HttpContext context, KafkaMockCluster kafka, bool up)
    {
        var broker = Broker(context, kafka);
        if (up)
        {
            kafka.SetBrokerUp(broker);
        }
        else
        {
            kafka.SetBrokerDown(broker);
        }

        return WriteBrokerList(context, kafka);
    }

    private static async Task SetRoundTripTime(HttpContext context, KafkaMockCluster kafka)
    {
        var broker = Broker(context, kafka);
        using var body = await ControlJson.ReadObject(context, "ms").ConfigureAwait(false);
        var ms = ControlJson.RequiredInt(body.RootElement, "ms", 0, (int)TimeSpan.FromMinutes(10).TotalMilliseconds);
        kafka.SetRoundTripTime(broker, ms);
        await WriteBrokerList(context, kafka).ConfigureAwait(false);
    }

    private static async Task PushRequestErrors(HttpContext context, KafkaMockCluster kafka)
    {
        using var body = await ControlJson.ReadObject(context, "apiKey", "errors").ConfigureAwait(false);
        var root = body.RootElement;
        if (!root.TryGetProperty("apiKey", out var apiKeyValue) || apiKeyValue.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
        {
            throw ControlApiError.BadRequest("'apiKey' is required: a request type name such as \"Produce\" or its ApiKey number.");
        }

        var apiKey = ParseApiKey(apiKeyValue.ValueKind == JsonValueKind.String ? apiKeyValue.GetString()! : apiKeyValue.GetRawText());
        if (!root.TryGetProperty("errors", out var errorsValue) || errorsValue.ValueKind != JsonValueKind.Array
            || errorsValue.GetArrayLength() is 0 or > MaxErrorsPerPush)
        {
            throw ControlApiError.BadRequest(
                $"'errors' is required: an array of 1..{MaxErrorsPerPush} librdkafka error names (e.g. \"NOT_LEADER_FOR_PARTITION\", \"_TRANSPORT\") or codes.");
        }

        var errors = new KafkaErrorCode[errorsValue.GetArrayLength()];
        var index = 0;
        foreach (var item in errorsValue.EnumerateArray())
        {
            errors[index] = item.ValueKind switch
            {
                JsonValueKind.String or JsonValueKind.Number => ParseError(item, index),
                _ => throw ControlApiError.BadRequest($"errors[{index}] must be an error name or code, not {item.GetRawText()}."),
            };
            index++;
        }

        kafka.PushRequestErrors(apiKey, errors);
        await ControlJson.Write(context, 200, json =>
        {
            json.WriteStartObject();
            json.WriteString("apiKey", apiKey.ToString());
            json.WriteStartArray("queued");
            foreach (var error in errors)
            {
                json.WriteStringValue(error.Name);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static Task ClearRequestErrors(HttpContext context, KafkaMockCluster kafka)
    {
        var apiKey = ParseApiKey((string)context.GetRouteValue("apiKey")!);
        kafka.ClearRequestErrors(apiKey);
        return ControlJson.Write(context, 200, json =>
        {
            json.WriteStartObject();
            json.WriteString("cleared", apiKey.ToString());
            json.WriteEndObject();
        });
    }

    private static KafkaErrorCode ParseError(JsonElement item, int index)
    {
        try
        {
            return KafkaErrorCode.Parse(item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText());
        }
        catch (ArgumentException e)
        {
            throw ControlApiError.BadRequest($"errors[{index}]: {e.Message.Split(" (Parameter", 2)[0]}");
        }
    }

    /// <summary>"all" or an id 1..N; an id the cluster does not have is a 404.</summary>
    private static int Broker(HttpContext context, KafkaMockCluster kafka)
    {
        var text = (string)context.GetRouteValue("broker")!;
        if (string.Equals(text, "all", StringComparison.OrdinalIgnoreCase))
        {
            return KafkaMockCluster.AllBrokers;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw ControlApiError.BadRequest($"'{text}' is not a broker: use an id 1..{kafka.BrokerCount} or 'all'.");
        }

        return id >= 1 && id <= kafka.BrokerCount
            ? id
            : throw new ControlApiError(404, $"There is no broker {id}; the brokers are 1..{kafka.BrokerCount}.");
    }

    private static Task WriteBrokerList(HttpContext context, KafkaMockCluster kafka) =>
        ControlJson.Write(context, 200, json =>
        {
            json.WriteStartObject();
            json.WritePropertyName("brokers");
            WriteBrokers(json, kafka);
            json.WriteEndObject();
        });
}
