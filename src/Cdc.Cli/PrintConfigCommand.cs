using Cdc.Connector.Configuration;

namespace Cdc.Cli;

/// <summary>
/// `cdc run --print-config`: the configuration `run` would start with, every source applied and every default filled
/// in, as JSON with secrets masked. Checked exactly as `run` checks it, so a configuration it prints is one run accepts.
/// </summary>
internal static class PrintConfigCommand
{
    public static int Run(RunArguments arguments, TextWriter stdout, TextWriter stderr, IReadOnlyDictionary<string, string> environment)
    {
        CdcOptions options;
        try
        {
            options = ConfigurationLoader.LoadForRun(arguments.ConfigPath, arguments.SetArguments, environment);
        }
        catch (ConfigurationException ex)
        {
            foreach (var problem in ex.Problems)
            {
                stderr.WriteLine($"cdc run: configuration: {problem.ReplaceLineEndings(" ")}");
            }

            return ExitCodes.Failure;
        }

        stdout.WriteLine(SecretRedactor.Describe(options));
        return ExitCodes.Success;
    }
}
