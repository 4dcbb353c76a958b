using Cdc.Connector.Configuration;

namespace Cdc.Connector.Cli;

/// <summary>
/// The `cdc` verb dispatch. Takes its streams as parameters so the whole command line runs in-process in tests.
/// </summary>
internal static class CliApplication
{
    public static int Run(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr, bool showStackTraces)
    {
        try
        {
            return Dispatch(args, stdin, stdout, stderr);
        }
        catch (ConfigurationException ex)
        {
            // Configuration messages are written for users already (they name the key): one line per problem.
            foreach (var problem in ex.Problems)
            {
                stderr.WriteLine($"cdc: {OneLine(problem)}");
            }

            WriteDetails(ex, stderr, showStackTraces);
            return ExitCodes.Failure;
        }
        catch (Exception ex)
        {
            // The last line of defence: one clear line instead of a stack trace a user cannot act on.
            stderr.WriteLine($"cdc: unexpected error ({ex.GetType().Name}): {OneLine(ex.Message)}");
            if (!showStackTraces)
            {
                stderr.WriteLine("cdc: set CDC_DEBUG=1 to see the stack trace.");
            }

            WriteDetails(ex, stderr, showStackTraces);
            return ExitCodes.Failure;
        }
    }

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
            case "help" or "--help" or "-h":
                stdout.Write(Usage.Text);
                return ExitCodes.Success;
            case "--version" or "version":
                stdout.WriteLine($"cdc {ProductVersion.Value}");
                return ExitCodes.Success;
            default:
                if (UnavailableVerbs.TryGetMessage(verb, out var message))
                {
                    stderr.Write(message);
                    return ExitCodes.Usage;
                }

                stderr.WriteLine($"cdc: unknown verb '{verb}'.");
                stderr.Write(Usage.Text);
                return ExitCodes.Usage;
        }
    }

    private static void WriteDetails(Exception ex, TextWriter stderr, bool showStackTraces)
    {
        if (showStackTraces)
        {
            stderr.WriteLine(ex.ToString());
        }
    }

    private static string OneLine(string message) =>
        message.ReplaceLineEndings(" ").Trim();
}
