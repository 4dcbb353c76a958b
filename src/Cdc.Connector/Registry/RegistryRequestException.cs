namespace Cdc.Connector.Registry;

/// <summary>
/// A Schema Registry request failed. <see cref="StatusCode"/> is the registry's HTTP status (null when no URL answered)
/// and <see cref="ErrorCode"/> its <c>error_code</c> (40401 subject not found, 40403 schema not found, 409 incompatible,
/// 42201 invalid schema, 40101 unauthorised…) when the body carried one. The message names the operation and the
/// subject, and never holds credentials.
/// </summary>
internal sealed class RegistryRequestException : Exception
{
    public RegistryRequestException(string message, int? statusCode, int? errorCode, RegistryAuthKind authKind, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        AuthKind = authKind;
    }

    public RegistryRequestException(string message)
        : base(message)
    {
    }

    public RegistryRequestException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public RegistryRequestException()
    {
    }

    public int? StatusCode { get; }

    public int? ErrorCode { get; }

    /// <summary>The credentials the client presented: what a 401's fix should name.</summary>
    public RegistryAuthKind AuthKind { get; }

    /// <summary>No URL answered because a TLS handshake failed (an untrusted or misnamed certificate, a refused client certificate).</summary>
    public bool IsTlsFailure { get; init; }
}
