using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cdc.Cli.Check;

/// <summary>
/// Collects the results of `cdc check` and prints them: in text mode one line per check as soon as it completes
/// (an operator watching a slow endpoint sees the checks before it), in JSON mode one object at the end. Every detail
/// and fix passes through the <see cref="SecretScrubber"/> before it is kept, so no printed form can hold a secret.
/// </summary>
internal sealed class CheckReport
{
    private readonly TextWriter _output;
    private readonly bool _json;
    private readonly SecretScrubber _scrubber;
    private readonly List<CheckResult> _results = [];

    public CheckReport(TextWriter output, bool json, SecretScrubber scrubber)
    {
        _output = output;
        _json = json;
        _scrubber = scrubber;
    }

    public IReadOnlyList<CheckResult> Results => _results;

    /// <summary>False once any check failed; warnings keep it true.</summary>
    public bool Ok => !_results.Exists(r => r.Status == CheckStatus.Fail);

    public void Add(CheckResult result)
    {
        var clean = result with { Detail = _scrubber.Scrub(result.Detail), Fix = result.Fix is null ? null : _scrubber.Scrub(result.Fix) };
        _results.Add(clean);
        if (!_json)
        {
            _output.WriteLine(FormatLine(clean));
            _output.Flush();
        }
    }

    /// <summary>In JSON mode writes the one object; in text mode the lines are already out.</summary>
    public void Complete()
    {
        if (_json)
        {
            _output.WriteLine(FormatJson(_results, Ok));
            _output.Flush();
        }
    }

    /// <summary><c>PASS  mongodb: reachable: …</c> / <c>FAIL  kafka: metadata: … — fix: …</c>, always one line (a result without a name: <c>FAIL  configuration: …</c>).</summary>
    public static string FormatLine(CheckResult result)
    {
        var name = result.Name.Length == 0 ? string.Empty : result.Name + ": ";
        var line = $"{StatusText(result.Status)}  {result.Area}: {name}{result.Detail}";
        if (result.Fix is { Length: > 0 } fix)
        {
            line += " — fix: " + fix;
        }

        return line.ReplaceLineEndings(" ");
    }

    /// <summary><c>{"checks":[{"area","name","status","detail","fix"}],"ok":bool}</c> on one line.</summary>
    public static string FormatJson(IReadOnlyList<CheckResult> results, bool ok)
    {
        using var stream = new MemoryStream();
        // Relaxed escaping: the object is read by scripts and people, never embedded in HTML, so quotes and '<' stay readable.
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartArray("checks");
            foreach (var result in results)
            {
                json.WriteStartObject();
                json.WriteString("area", result.Area);
                json.WriteString("name", result.Name);
                json.WriteString("status", StatusText(result.Status));
                json.WriteString("detail", result.Detail);
                if (result.Fix is null)
                {
                    json.WriteNull("fix");
                }
                else
                {
                    json.WriteString("fix", result.Fix);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteBoolean("ok", ok);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    public static string StatusText(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "PASS",
        CheckStatus.Warn => "WARN",
        _ => "FAIL",
    };
}
