using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Logging;

/// <summary>A logger factory that also owns the routes feeding it native libraries' logs, ended before the factory itself.</summary>
internal sealed class RoutedLoggerFactory : ILoggerFactory
{
    private readonly ILoggerFactory _inner;
    private readonly IDisposable _route;

    public RoutedLoggerFactory(ILoggerFactory inner, IDisposable route)
    {
        _inner = inner;
        _route = route;
    }

    public ILogger CreateLogger(string categoryName) => _inner.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider) => _inner.AddProvider(provider);

    public void Dispose()
    {
        _route.Dispose();
        _inner.Dispose();
    }
}
