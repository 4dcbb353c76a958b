using Cdc.Cli.Runtime;

namespace Cdc.Cli;

/// <summary>
/// The `cdc` verb dispatch. Takes its streams as parameters so the whole command line runs in-process in tests.
/// </summary>
internal static class CliApplication
{
    public static int Run(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr, bool showStackTraces) =>
        TopLevelErrorHandler.Invoke(() => Dispatch(args, stdin, stdout, stderr), stderr, showStackTraces);

    private static int Dispatch(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        if (args.Count == 0)
        {
            stderr.Write(Usage.Text);
            return ExitCodes.Usage;
        }

        var verb = args[0];
        var rest = args.Skip(1).ToArray();
        switch (verb)
        {
            case "inspect":
                return InspectCommand.Run(rest, stdin, stdout, stderr);
            case "run":
                return RunCommand.Run(rest, stdout, stderr);
            case "check":
                return CheckCommand.Run(rest, stdout, stderr);
            case "snapshot":
                return SnapshotCommand.Run(rest, stdout, stderr);
            case "tail":
                return TailCommand.Run(rest, stdout, stderr);
            case "sandbox":
                return SandboxCommand.Run(rest, stdout, stderr);
            case "demo":
                return DemoCommand.Run(rest, stdout, stderr);
            case "help" or "--help" or "-h":
                stdout.Write(Usage.Text);
                return ExitCodes.Success;
            case "--version" or "version":
                stdout.WriteLine($"cdc {ProductVersion.Value}");
                return ExitCodes.Success;
            default:
                stderr.WriteLine($"cdc: unknown verb '{verb}'.");
                stderr.Write(Usage.Text);
                return ExitCodes.Usage;
        }
    }
}
