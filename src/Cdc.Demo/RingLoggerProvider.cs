using Microsoft.Extensions.Logging;

namespace Cdc.Demo;

/// <summary>Routes every logger of the demo's components into a <see cref="LogRing"/>.</summary>
internal sealed class RingLoggerProvider(LogRing ring, TimeProvider? time = null) : ILoggerProvider
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public ILogger CreateLogger(string categoryName) => new RingLogger(ring, ShortName(categoryName), _time);

    public void Dispose()
    {
    }

    private static string ShortName(string category)
    {
        var dot = category.LastIndexOf('.');
        return dot < 0 ? category : category[(dot + 1)..];
    }
}
