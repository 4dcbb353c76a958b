using Cdc.Sandbox.SchemaRegistry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cdc.Sandbox.Host;

/// <summary>The control API's <c>/schema-registry/faults</c> endpoints, onto the registry's <see cref="SchemaRegistryFaults"/>.</summary>
internal static class RegistryControlRoutes
{
    private const int MaxDelayMs = 10 * 60 * 1000;

    public static void Map(IEndpointRouteBuilder routes, RegistryFaultControl faults)
    {
        routes.MapPost("/schema-registry/faults", context => Inject(context, faults));
        routes.MapDelete("/schema-registry/faults", context =>
        {
            faults.Clear();
            return WriteState(context, faults);
        });
    }

    /// <summary>
    /// A failure is injected when any of status, errorCode, message, count or untilCleared is given (count defaults
    /// to 1); a delay when delayMs is given. Both may come in one request.
    /// </summary>
    private static async Task Inject(HttpContext context, RegistryFaultControl faults)
    {
        using var body = await ControlJson.ReadObject(context, "status", "errorCode", "message", "count", "untilCleared", "delayMs").ConfigureAwait(false);
        var root = body.RootElement;
        var status = ControlJson.OptionalInt(root, "status", 500, 599);
        var errorCode = ControlJson.OptionalInt(root, "errorCode", 1, int.MaxValue);
        var count = ControlJson.OptionalInt(root, "count", 1, int.MaxValue);
        var untilCleared = ControlJson.OptionalBool(root, "untilCleared");
        var delayMs = ControlJson.OptionalInt(root, "delayMs", 0, MaxDelayMs);
        string? message = null;
        if (root.TryGetProperty("message", out var messageValue))
        {
            message = ControlJson.RequiredString(root, "message");
        }

        if (count is not null && untilCleared)
        {
            throw ControlApiError.BadRequest("Give either 'count' or 'untilCleared': true, not both.");
        }

        var injectsFailure = status is not null || errorCode is not null || message is not null || count is not null || untilCleared;
        if (!injectsFailure && delayMs is null)
        {
            throw ControlApiError.BadRequest(
                "Nothing to inject: give a failure ('status' 5xx, 'errorCode', 'message', 'count' or 'untilCleared') and/or 'delayMs'.");
        }

        if (injectsFailure)
        {
            var httpStatus = status ?? 500;
            // Confluent's codes are the HTTP status followed by two digits (50001 store error, 50301…).
            var failure = new InjectedFailure(httpStatus, errorCode ?? (httpStatus * 100) + 1, message ?? $"Injected by the sandbox control API (HTTP {httpStatus}).");
            faults.Inject(failure, untilCleared ? null : count ?? 1);
        }

        if (delayMs is { } ms)
        {
            faults.SetDelay(TimeSpan.FromMilliseconds(ms));
        }

        await WriteState(context, faults).ConfigureAwait(false);
    }

    private static Task WriteState(HttpContext context, RegistryFaultControl faults) =>
        ControlJson.Write(context, 200, json =>
        {
            json.WriteStartObject();
            json.WritePropertyName("faults");
            faults.WriteState(json);
            json.WriteEndObject();
        });
}
