using System.Runtime.InteropServices;
using Cdc.Sandbox.Host;
using Microsoft.Extensions.Logging;

namespace Cdc.Cli;

/// <summary>
/// `cdc sandbox`: runs the local stand-ins (MongoDB emulator, embedded Kafka, in-memory Schema Registry and the control
/// API) until SIGINT/SIGTERM. Stdout carries exactly one line, the JSON of the endpoints once all of them listen, so a
/// script can read it and go; every log line goes to stderr.
/// </summary>
internal static class SandboxCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        using var stop = new CancellationTokenSource();
        // Cancel = true: the process must not die at the signal but stop the parts and exit 0.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, stop));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, stop));
        return RunAsync(args, stdout, stderr, stop.Token).GetAwaiter().GetResult();
    }

    /// <summary>Runs until <paramref name="stopping"/> is cancelled; what <see cref="Run"/> does once signals are wired.</summary>
    internal static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken stopping)
    {
        var options = SandboxCommandLine.Parse(args, out var usageError, out var help);
        if (help)
        {
            stdout.Write(SandboxCommandLine.Usage);
            return ExitCodes.Success;
        }

        if (options is null)
        {
            stderr.WriteLine($"cdc sandbox: {usageError}");
            stderr.Write(SandboxCommandLine.Usage);
            return ExitCodes.Usage;
        }

        using var loggerFactory = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddProvider(new TextWriterLoggerProvider(stderr, LogLevel.Information)));
        SandboxHost host;
        try
        {
            host = await SandboxHost.StartAsync(options, loggerFactory, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            stderr.WriteLine("cdc sandbox: stopped before it was ready.");
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or SandboxStartException)
        {
            stderr.WriteLine($"cdc sandbox: {e.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.Failure;
        }

        await using (host.ConfigureAwait(false))
        {
            await stdout.WriteLineAsync(host.Endpoints.ToReadyLine()).ConfigureAwait(false);
            await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                stderr.WriteLine("cdc sandbox: stopping.");
            }
        }

        stderr.WriteLine("cdc sandbox: stopped.");
        return ExitCodes.Success;
    }

    private static void Stop(PosixSignalContext context, CancellationTokenSource stop)
    {
        context.Cancel = true;
        stop.Cancel();
    }
}
