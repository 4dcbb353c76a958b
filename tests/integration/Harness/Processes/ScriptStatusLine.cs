using System.Text.Json;

namespace Cdc.Integration.Tests;

/// <summary>The long-running Node scripts mix {"status": …} lines with their data lines; "ready" means they are listening.</summary>
internal static class ScriptStatusLine
{
    /// <summary>True when <paramref name="line"/> is a status line (handled here), false for a data line.</summary>
    public static bool TryHandle(JsonElement line, TaskCompletionSource ready)
    {
        if (!line.TryGetProperty("status", out var status))
        {
            return false;
        }

        if (status.GetString() == "ready")
        {
            ready.TrySetResult();
        }

        return true;
    }
}
