using System.Diagnostics;

namespace Cdc.Integration.Tests;

/// <summary>How every test starts the real `cdc` program: `dotnet cdc.dll VERB ARGS…` with all three streams redirected.</summary>
internal static class CdcProcessStart
{
    public static ProcessStartInfo For(string verb, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            startInfo.WorkingDirectory = workingDirectory;
        }

        startInfo.ArgumentList.Add(SandboxProcess.CdcDll);
        startInfo.ArgumentList.Add(verb);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }
}
