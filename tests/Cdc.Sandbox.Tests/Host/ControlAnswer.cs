using System.Net;
using System.Text.Json;

namespace Cdc.Sandbox.Tests.Host;

/// <summary>A control API answer: status and parsed JSON body.</summary>
internal sealed record ControlAnswer(HttpStatusCode Status, JsonElement Body)
{
    public string Error => Body.GetProperty("error").GetString()!;
}
