namespace Cdc.Connector.Cli;

/// <summary>`cdc inspect [--config FILE] [--set key=value]… FILE|-`. STUB: signature is the contract.</summary>
internal static class InspectCommand
{
    /// <returns>The process exit code.</returns>
    public static int Run(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr) =>
        throw new NotImplementedException($"{args.Count}{stdin}{stdout}{stderr}");
}
