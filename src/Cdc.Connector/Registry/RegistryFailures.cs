using System.Globalization;
using System.Net;
using System.Security.Authentication;
using System.Text;
using Confluent.SchemaRegistry;

namespace Cdc.Connector.Registry;

/// <summary>
/// Turns what Confluent's client throws into <see cref="RegistryRequestException"/>: the registry's verdict (status
/// and error_code), or "no answer" from each URL, worded as the connector's messages always were, credentials masked.
/// </summary>
/// <remarks>
/// The library reports a verdict (a status it does not retry) as its SchemaRegistryException; the last of the statuses
/// it retries (408, 429, 500, 502, 503, 504) from every URL as a SchemaRegistryException whose message lists each URL's
/// answer as "[base/] Status code message"; no answer from any URL as an HttpRequestException listing
/// "[base/] HttpRequestException: …" or "[base/] TaskCanceledException: …"; a 401 whose body is not JSON as an
/// HttpRequestException "Unauthorized" over a JSON parse error; and a failed OAuth token request as a plain Exception
/// "Failed to fetch token from server: …".
/// </remarks>
internal sealed class RegistryFailures
{
    private const string TokenFailure = "Failed to fetch token from server";
    private static readonly int[] RetriedStatuses = [408, 429, 500, 502, 503, 504];

    private readonly Dictionary<string, string> _displayByBase;
    private readonly IReadOnlyList<string> _displays;
    private readonly TimeSpan _timeout;
    private readonly RegistryAuthKind _authKind;
    private readonly string? _tokenEndpoint;
    private readonly string[] _secrets;

    public RegistryFailures(IReadOnlyList<RegistryEndpoint> endpoints, TimeSpan timeout, RegistryAuthKind authKind, string? tokenEndpoint, IEnumerable<string> secrets)
    {
        _displayByBase = endpoints.GroupBy(e => e.BaseUrl, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Display, StringComparer.Ordinal);
        _displays = [.. endpoints.Select(e => e.Display)];
        _timeout = timeout;
        _authKind = authKind;
        _tokenEndpoint = tokenEndpoint;
        _secrets = [.. secrets.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];
    }

    /// <summary>True for what the library throws about a request (as opposed to a programming error, which propagates).</summary>
    public static bool IsRequestFailure(Exception error) =>
        error is HttpRequestException or Newtonsoft.Json.JsonException
        || (error.GetType() == typeof(Exception) && error.Message.StartsWith(TokenFailure, StringComparison.Ordinal));

    public RegistryRequestException Translate(Exception error, string operation, string? subject)
    {
        ArgumentNullException.ThrowIfNull(error);
        var failed = $"Schema Registry {operation}{(subject is null ? string.Empty : $" of subject '{subject}'")} failed";
        var everyUrl = _displays.Count == 1 ? string.Empty : $" at all {_displays.Count} URLs";
        switch (error)
        {
            case SchemaRegistryException answer when !RetriedStatuses.Contains((int)answer.Status):
            {
                var status = (int)answer.Status;
                int? code = answer.ErrorCode > 0 ? answer.ErrorCode : null;
                var text = WithoutCodeSuffix(answer.Message, answer.ErrorCode);
                var detail = $" at {AnsweredAt}: HTTP {status} ({answer.Status}){(code is null ? string.Empty : $", error_code {code}")}: {(text.Length == 0 ? "(no message)" : text)}";
                return Create(failed + detail, status, code, error);
            }

            case SchemaRegistryException retried:
                return Create($"{failed}{everyUrl}: {Readable(WithoutCodeSuffix(retried.Message, retried.ErrorCode), retried.InnerException)}", (int)retried.Status, retried.ErrorCode > 0 ? retried.ErrorCode : null, error);

            case HttpRequestException when IsUnauthorizedWithoutJson(error):
                return Create($"{failed} at {AnsweredAt}: HTTP 401 (Unauthorized)", 401, null, error);

            case HttpRequestException transport:
                return Create($"{failed}{everyUrl}: {Readable(transport.Message, transport.InnerException)}", null, null, error);

            case Newtonsoft.Json.JsonException json:
                return Create($"{failed} at {AnsweredAt}: the answer is not the registry's JSON ({json.Message})", 200, null, error);

            default:
                // The OAuth token request failed; the registry itself was not asked. Refused client credentials are final,
                // an identity provider that does not answer may answer later.
                var refused = error.InnerException is HttpRequestException { StatusCode: HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden };
                var reason = error.InnerException?.Message ?? error.Message;
                return Create($"{failed}: no token from the OAuth token endpoint {_tokenEndpoint}: {reason}", refused ? 401 : null, null, error);
        }
    }

    /// <summary>"http://a:8081" or "one of http://a:8081, http://b:8081": which URL gave a verdict is not reported by the library.</summary>
    private string AnsweredAt => _displays.Count == 1 ? _displays[0] : "one of " + string.Join(", ", _displays);

    private RegistryRequestException Create(string message, int? status, int? code, Exception inner) =>
        new(Scrub(message), status, code, _authKind, inner) { IsTlsFailure = status is null && Causes(inner).Any(e => e is AuthenticationException) };

    /// <summary><paramref name="error"/> and every exception under it, through aggregates.</summary>
    private static IEnumerable<Exception> Causes(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Causes))
                {
                    yield return inner;
                }

                yield break;
            }
        }
    }

    /// <summary>The deepest message under <paramref name="error"/>: the reason a TLS handshake failed, say.</summary>
    private static string? Innermost(Exception? error)
    {
        string? message = null;
        for (var e = error?.InnerException; e is not null; e = e.InnerException)
        {
            message = e.Message;
        }

        return message;
    }

    private string Scrub(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        return text;
    }

    private static string WithoutCodeSuffix(string message, int errorCode)
    {
        var suffix = "; error code: " + errorCode.ToString(CultureInfo.InvariantCulture);
        return message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }

    /// <summary>A 401 the library could not parse (not JSON): it throws "Unauthorized" over the parse error.</summary>
    private static bool IsUnauthorizedWithoutJson(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { Message: "Unauthorized", InnerException: Newtonsoft.Json.JsonException })
            {
                return true;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsUnauthorizedWithoutJson))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "[http://a/] HttpRequestException: refused; [http://b/] ServiceUnavailable 50301 down" → "http://a → no answer
    /// (refused); http://b → HTTP 503 (ServiceUnavailable), error_code 50301: down". <paramref name="transport"/> holds the
    /// exceptions of the URLs that did not answer, in the same order (an AggregateException when there are several): their
    /// innermost reasons are added where the library's text stops at "see inner exception".
    /// </summary>
    private string Readable(string aggregated, Exception? transport)
    {
        var causes = new Queue<Exception>(transport is AggregateException aggregate ? aggregate.InnerExceptions : transport is null ? [] : [transport]);
        var text = new StringBuilder();
        foreach (var part in aggregated.Split("; [", StringSplitOptions.None))
        {
            var segment = text.Length == 0 ? part : "[" + part;
            if (text.Length > 0)
            {
                text.Append("; ");
            }

            var close = segment.IndexOf("] ", StringComparison.Ordinal);
            if (!segment.StartsWith('[') || close < 0)
            {
                text.Append(segment);
                continue;
            }

            var baseUrl = segment[1..close];
            text.Append(_displayByBase.TryGetValue(baseUrl, out var display) ? display : baseUrl.TrimEnd('/')).Append(" → ").Append(Answer(segment[(close + 2)..], causes));
        }

        return text.ToString();
    }

    private string Answer(string answer, Queue<Exception> causes)
    {
        const string Transport = "HttpRequestException: ";
        if (answer.StartsWith(Transport, StringComparison.Ordinal))
        {
            var reason = answer[Transport.Length..];
            causes.TryDequeue(out var cause);
            if (Innermost(cause) is { Length: > 0 } innermost && !reason.Contains(innermost, StringComparison.Ordinal))
            {
                reason = reason.Replace(", see inner exception.", string.Empty, StringComparison.Ordinal).TrimEnd('.') + ": " + innermost;
            }

            return $"no answer ({reason})";
        }

        if (answer.StartsWith("TaskCanceledException:", StringComparison.Ordinal) || answer.StartsWith("OperationCanceledException:", StringComparison.Ordinal))
        {
            causes.TryDequeue(out _);
            return $"no answer within {_timeout.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms";
        }

        // "{StatusName}" or "{StatusName} {error_code} {message}".
        var words = answer.Split(' ', 3);
        if (!Enum.TryParse<HttpStatusCode>(words[0], out var status) || int.TryParse(words[0], CultureInfo.InvariantCulture, out _))
        {
            return answer;
        }

        var described = $"HTTP {(int)status} ({words[0]})";
        if (words.Length > 1 && int.TryParse(words[1], CultureInfo.InvariantCulture, out var code) && code > 0)
        {
            described += $", error_code {code}";
        }

        return words.Length > 2 && words[2].Length > 0 ? $"{described}: {words[2]}" : described;
    }
}
