using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Cdc.Connector.Configuration;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Interop.Mongoc;

/// <summary>
/// libmongoc's own log (server selection, URI warnings, topology changes) routed into <see cref="ILogger"/> at matching
/// levels, under <see cref="Category"/>. libmongoc has one handler per process, installed once by
/// <see cref="MongocLibraries.EnsureInitialized"/>; whoever runs the process adds the logger factories that receive it
/// (<see cref="AddSink"/>). Messages pass through <see cref="SecretRedactor.RedactText"/>: a driver message that
/// quotes the URI must not leak its password.
/// </summary>
internal static unsafe partial class MongocLog
{
    public const string Category = "Cdc.Connector.Interop.Mongoc.libmongoc";

    private static readonly Lock Gate = new();

    // Copy-on-write: the callback reads it without a lock on libmongoc's threads.
    private static ILogger[] _loggers = [];

    /// <summary>Sends libmongoc's messages to <paramref name="factory"/> until the returned route is disposed.</summary>
    public static IDisposable AddSink(ILoggerFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var logger = factory.CreateLogger(Category);
        lock (Gate)
        {
            _loggers = [.. _loggers, logger];
        }

        return new MongocLogRoute(logger);
    }

    internal static void RemoveSink(ILogger logger)
    {
        lock (Gate)
        {
            _loggers = Array.FindAll(_loggers, candidate => !ReferenceEquals(candidate, logger));
        }
    }

    /// <summary>Called once, before <c>mongoc_init</c>, under <see cref="MongocLibraries"/>' lock.</summary>
    internal static void Install() => LibMongoc.mongoc_log_set_handler(&Handle, null);

    /// <summary>mongoc_log_level_t: ERROR 0, CRITICAL 1, WARNING 2, MESSAGE 3, INFO 4, DEBUG 5, TRACE 6.</summary>
    internal static LogLevel ToLogLevel(int level) => level switch
    {
        0 => LogLevel.Error,
        1 => LogLevel.Critical,
        2 => LogLevel.Warning,
        3 or 4 => LogLevel.Information,
        5 => LogLevel.Debug,
        _ => LogLevel.Trace,
    };

    /// <summary>Delivers one message; with no sink (a command that set up no logging) warnings and worse still reach stderr, as libmongoc's own handler would.</summary>
    internal static void Deliver(LogLevel level, string domain, string message)
    {
        var loggers = Volatile.Read(ref _loggers);
        if (loggers.Length == 0)
        {
            if (level >= LogLevel.Warning)
            {
                Console.Error.WriteLine($"libmongoc {level} {domain}: {SecretRedactor.RedactText(message)}");
            }

            return;
        }

        string? redacted = null;
        foreach (var logger in loggers)
        {
            if (logger.IsEnabled(level))
            {
                redacted ??= SecretRedactor.RedactText(message);
                Message(logger, level, domain, redacted);
            }
        }
    }

    [LoggerMessage(EventId = 1200, EventName = "Libmongoc", Message = "libmongoc {Domain}: {Text}")]
    private static partial void Message(ILogger logger, LogLevel level, string domain, string text);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Handle(int level, byte* domain, byte* message, void* userData)
    {
        // An exception must never unwind into C; a log line that cannot be written is dropped.
#pragma warning disable CA1031
        try
        {
            var logLevel = ToLogLevel(level);

            // Trace is libmongoc's per-call tracing: skip it before any string is made unless someone wants it.
            if (logLevel == LogLevel.Trace && !AnyEnabled(LogLevel.Trace))
            {
                return;
            }

            Deliver(
                logLevel,
                Marshal.PtrToStringUTF8((nint)domain) ?? string.Empty,
                Marshal.PtrToStringUTF8((nint)message) ?? string.Empty);
        }
        catch (Exception)
        {
        }
#pragma warning restore CA1031
    }

    private static bool AnyEnabled(LogLevel level)
    {
        foreach (var logger in Volatile.Read(ref _loggers))
        {
            if (logger.IsEnabled(level))
            {
                return true;
            }
        }

        return false;
    }
}
