using System.Runtime.InteropServices;
using Cdc.Connector.Checkpoint;
using Cdc.Connector.Configuration;
using Cdc.Cli.Runtime;
using Cdc.Connector.Logging;
using Cdc.Connector.Mapping;
using Cdc.Connector.Pipeline;
using Microsoft.Extensions.Logging;

namespace Cdc.Cli;

/// <summary>
/// `cdc run --config FILE [--set key=value]…`: the connector. Runs until SIGTERM/SIGINT (flush, final commit, exit 0)
/// or a failure that restarting cannot fix (one error line, exit 1).
/// </summary>
internal static class RunCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr) =>
        Run(args, stdout, stderr, ConfigurationLoader.ProcessEnvironment());

    internal static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, IReadOnlyDictionary<string, string> environment)
    {
        var arguments = RunArguments.Parse(args, out var usageError);
        if (arguments is null)
        {
            stderr.WriteLine($"cdc run: {usageError}");
            stderr.Write(RunArguments.Usage);
            return ExitCodes.Usage;
        }

        if (arguments.Help)
        {
            stdout.Write(RunArguments.Usage);
            return ExitCodes.Success;
        }

        if (arguments.ConfigPath is null && arguments.SetArguments.Count == 0 && !EnvironmentSource.ConfiguresAnything(environment))
        {
            // Nothing names a MongoDB, a Kafka or a registry: list what to give rather than three missing-key problems.
            stderr.WriteLine(
                "cdc run: no configuration: give --config FILE (see docs/configuration.md), or set keys with --set key=value "
                + "or CDC__SECTION__KEY environment variables.");
            stderr.Write(RunArguments.Usage);
            return ExitCodes.Usage;
        }

        if (arguments.PrintConfig)
        {
            return PrintConfigCommand.Run(arguments, stdout, stderr, environment);
        }

        CdcOptions options;
        try
        {
            options = ConfigurationLoader.LoadForRun(arguments.ConfigPath, arguments.SetArguments, environment);
            _ = MappingOptionsFactory.Create(options);
        }
        catch (ConfigurationException ex)
        {
            foreach (var problem in ex.Problems)
            {
                stderr.WriteLine($"cdc run: configuration: {problem.ReplaceLineEndings(" ")}");
            }

            return ExitCodes.Failure;
        }

        using var stop = new CancellationTokenSource();
        // Cancel = true: the process must not die at the signal but flush, commit and exit 0.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, stop));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, stop));
        using var loggerFactory = ConnectorLogging.CreateConsoleFactory(options.Logging);
        PipelineExit exit;
        try
        {
            exit = RunConnector(options, loggerFactory, stop.Token);
        }
        catch (Exception ex) when (ex is CheckpointStoreException or DllNotFoundException or ArgumentException)
        {
            // Wiring failed before the pipeline ran: a store that cannot be opened, librdkafka missing, a bad registry URL.
            exit = PipelineExit.Failed(ex.Message);
        }
        catch (IOException ex)
        {
            // Kestrel could not bind the operations endpoint (port in use, address not on this host).
            exit = PipelineExit.Failed(
                $"cannot serve /healthz, /readyz and /metrics on {options.Http.Host}:{options.Http.Port}: {ex.Message}. "
                + "Set http.port to a free port (0: any), http.host to an address of this host, or http.enabled=false.");
        }

        if (exit.Error is not null)
        {
            stderr.WriteLine($"cdc run: {exit.Error.ReplaceLineEndings(" ")}");
        }

        return exit.ExitCode;
    }

    /// <summary>Wires the real environment and runs the pipeline until <paramref name="stopping"/> or a fatal failure.</summary>
    internal static PipelineExit RunConnector(CdcOptions options, ILoggerFactory loggerFactory, CancellationToken stopping)
    {
        using var host = ConnectorHost.Create(options, loggerFactory);
        return host.Start(stopping).GetAwaiter().GetResult();
    }

    private static void Stop(PosixSignalContext context, CancellationTokenSource stop)
    {
        context.Cancel = true;
        stop.Cancel();
    }
}
