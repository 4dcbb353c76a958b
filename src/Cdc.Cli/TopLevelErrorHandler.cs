using Cdc.Connector.Configuration;

namespace Cdc.Cli;

/// <summary>
/// The last line of defence around a command: a failure becomes one clear line on stderr and exit code 1, not a
/// stack trace a user cannot act on (CDC_DEBUG=1 shows it for the developer).
/// </summary>
internal static class TopLevelErrorHandler
{
    public static int Invoke(Func<int> command, TextWriter stderr, bool showStackTraces)
    {
        try
        {
            return command();
        }
        catch (ConfigurationException ex)
        {
            // Configuration messages are written for users already (they name the key): one line per problem.
            foreach (var problem in ex.Problems)
            {
                stderr.WriteLine($"cdc: {OneLine(problem)}");
            }

            WriteStackTrace(ex, stderr, showStackTraces);
            return ExitCodes.Failure;
        }
        catch (Exception ex)
        {
            stderr.WriteLine($"cdc: unexpected error ({ex.GetType().Name}): {OneLine(ex.Message)}");
            if (!showStackTraces)
            {
                stderr.WriteLine("cdc: set CDC_DEBUG=1 to see the stack trace.");
            }

            WriteStackTrace(ex, stderr, showStackTraces);
            return ExitCodes.Failure;
        }
    }

    private static void WriteStackTrace(Exception ex, TextWriter stderr, bool showStackTraces)
    {
        if (showStackTraces)
        {
            stderr.WriteLine(ex.ToString());
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
