using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cdc.Tests.Shared;

namespace Cdc.Integration.Tests;

/// <summary>
/// The /healthz, /readyz and /metrics endpoint of a running `cdc run`, at the address its log line announces
/// ("HTTP listening on http://127.0.0.1:PORT"). Every request is bounded in time.
/// </summary>
internal sealed partial class OperationsEndpoint : IDisposable
{
    private readonly HttpClient _client;

    private OperationsEndpoint(Uri address)
    {
        Address = address;
        _client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri Address { get; }

    /// <summary>Waits (bounded) for the connector's "HTTP listening on …" line.</summary>
    public static async Task<OperationsEndpoint> FindAsync(ConnectorProcess connector, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var match = ListeningLine().Match(connector.Output);
            if (match.Success)
            {
                return new OperationsEndpoint(new Uri(match.Groups["address"].Value));
            }

            if (connector.HasExited)
            {
                break;
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        throw new Xunit.Sdk.XunitException($"The connector announced no HTTP address within {timeout.TotalSeconds:0} s.\n{connector.Describe()}");
    }

    /// <summary>GET <paramref name="path"/>: the status code and the body.</summary>
    public async Task<(int Status, string Body)> GetAsync(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative)).ConfigureAwait(false);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync().ConfigureAwait(false));
    }

    /// <summary>/readyz's JSON body.</summary>
    public async Task<(int Status, JsonElement Body)> ReadinessAsync()
    {
        var (status, body) = await GetAsync("/readyz").ConfigureAwait(false);
        using var document = JsonDocument.Parse(body);
        return (status, document.RootElement.Clone());
    }

    /// <summary>Polls /readyz until <paramref name="accept"/> holds; the last answer, or a failure naming what was seen.</summary>
    public async Task<JsonElement> WaitForReadinessAsync(Func<int, JsonElement, bool> accept, string what, TimeSpan timeout, ConnectorProcess connector)
    {
        var clock = Stopwatch.StartNew();
        (int Status, JsonElement Body) last = default;
        while (clock.Elapsed < timeout)
        {
            last = await ReadinessAsync().ConfigureAwait(false);
            if (accept(last.Status, last.Body))
            {
                return last.Body;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new Xunit.Sdk.XunitException($"/readyz did not become {what} within {timeout.TotalSeconds:0} s; last {last.Status} {last.Body}\n{connector.Describe()}");
    }

    /// <summary>/metrics as read by the independent parser (tests/js/it/parse-metrics.mjs).</summary>
    public PrometheusScrape Scrape()
    {
        var input = new JsonObject { ["url"] = new Uri(Address, "/metrics").ToString() };
        return PrometheusScrape.Parse(NodeScript.Run("it/parse-metrics.mjs", input.ToJsonString() + "\n", Deadlines.Step));
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex(@"HTTP listening on (?<address>http://[0-9.]+:[0-9]+)")]
    private static partial Regex ListeningLine();
}
