using System.Runtime.InteropServices;
using Cdc.Demo;

namespace Cdc.Cli;

/// <summary>
/// `cdc demo`: the whole path in one process (sandbox, connector, shop workload, decoding consumer) with a live view,
/// until Ctrl-C/SIGTERM or --duration; --json prints one summary object instead; --keep then leaves the sandbox up until
/// the next signal (docs/demo.md). Exit 0 when every record the connector published reached the consumer and decoded
/// and nothing failed, 1 otherwise, 2 for usage errors.
/// </summary>
internal static class DemoCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var arguments = DemoArguments.Parse(args, out var usageError);
        if (arguments is null)
        {
            stderr.WriteLine($"cdc demo: {usageError}");
            stderr.Write(DemoArguments.Usage);
            return ExitCodes.Usage;
        }

        if (arguments.Help)
        {
            stdout.Write(DemoArguments.Usage);
            return ExitCodes.Success;
        }

        using var signals = new DemoSignals();

        // A signal the demo does not handle gracefully (one while it is already stopping) is left to the runtime: it ends the process.
        void Receive(PosixSignalContext context) => context.Cancel = signals.Receive();

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Receive);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Receive);
        var interactive = !arguments.Json && ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
        return RunAsync(arguments, stdout, stderr, interactive, signals).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Runs the demo until the first signal or the duration, then, with --keep, keeps the sandbox until the next signal;
    /// <paramref name="interactive"/> chooses the live view over progress lines.
    /// </summary>
    internal static async Task<int> RunAsync(DemoArguments arguments, TextWriter stdout, TextWriter stderr, bool interactive, DemoSignals signals)
    {
        var stopping = signals.Stopping;
        var session = new DemoSession(
            new WorkloadSettings { OperationsPerSecond = arguments.Rate, TypedValues = arguments.Typed }, ConnectorHostForDemo.Create, line => stderr.WriteLine("cdc demo: " + line));
        await using (session.ConfigureAwait(false))
        {
            try
            {
                await session.StartAsync(stopping).ConfigureAwait(false);
            }
            catch (DemoStartException e)
            {
                stderr.WriteLine($"cdc demo: {e.Message.ReplaceLineEndings(" ")}");
                return ExitCodes.Failure;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                stderr.WriteLine("cdc demo: stopped before it was ready.");
                return ExitCodes.Failure;
            }

            if (session.LiveViewUrl is { } page)
            {
                stderr.WriteLine($"cdc demo: the published changes, live in a browser: {page}");
            }

            using var displayStop = new CancellationTokenSource();
            var display = arguments.Json
                ? Task.CompletedTask
                : interactive
                    ? LiveView.RunAsync(LiveView.CreateConsole(stdout), session.Snapshot, displayStop.Token)
                    : ProgressReporter.RunAsync(stderr, session.Snapshot, displayStop.Token);

            await Task.WhenAny(session.ConnectorExited, Task.Delay(arguments.Duration ?? Timeout.InfiniteTimeSpan, stopping)).ConfigureAwait(false);
            if (!interactive && !arguments.Json)
            {
                stderr.WriteLine("cdc demo: stopping: the workload first, then the connector flushes and commits, then the consumer drains…");
            }

            var summary = await session.StopAsync().ConfigureAwait(false);
            await displayStop.CancelAsync().ConfigureAwait(false);
            await display.ConfigureAwait(false);

            if (arguments.Json)
            {
                await stdout.WriteLineAsync(summary.ToJson()).ConfigureAwait(false);
            }
            else
            {
                await stdout.WriteLineAsync(summary.ToText()).ConfigureAwait(false);
            }

            foreach (var problem in summary.Problems)
            {
                stderr.WriteLine($"cdc demo: problem: {problem}");
            }

            if (!summary.Ok)
            {
                foreach (var line in session.Log.Last(10))
                {
                    stderr.WriteLine($"cdc demo: log: {line}");
                }
            }

            await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            if (arguments.Keep)
            {
                await KeepSandboxAsync(session, stderr, signals).ConfigureAwait(false);
            }

            return summary.Ok ? ExitCodes.Success : ExitCodes.Failure;
        }
    }

    /// <summary>
    /// --keep: the run is over (workload, connector and consumer stopped) and its summary printed; the sandbox stays up
    /// with the run's data, for the user's own tools, until the next signal. Its endpoints are repeated so that the
    /// line to copy is the last one.
    /// </summary>
    private static async Task KeepSandboxAsync(DemoSession session, TextWriter stderr, DemoSignals signals)
    {
        signals.KeepingSandbox();
        stderr.WriteLine("cdc demo: --keep: the sandbox stays up with the run's data until Ctrl-C or SIGTERM (nothing writes to it or reads from it any more):");
        stderr.WriteLine("cdc demo: " + session.EndpointsLine);
        await stderr.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, signals.Released).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("cdc demo: stopping the kept sandbox.");
        }
    }
}
