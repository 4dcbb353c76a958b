using Cdc.Cli;

namespace Cdc.Connector.Tests.Cli;

/// <summary>Runs the whole command line in-process with captured streams.</summary>
internal static class CliRun
{
    public static CliResult Invoke(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = CliApplication.Run(args, TextReader.Null, stdout, stderr, showStackTraces: false);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}
