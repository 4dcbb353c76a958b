namespace Cdc.Sandbox.SchemaRegistry;

/// <summary>
/// A request the registry refuses, carried to the HTTP layer which writes Confluent's error body
/// <c>{"error_code": …, "message": …}</c> with <see cref="HttpStatus"/>.
/// </summary>
internal sealed class RegistryError : Exception
{
    public RegistryError(int httpStatus, int errorCode, string message)
        : base(message)
    {
        HttpStatus = httpStatus;
        ErrorCode = errorCode;
    }

    public RegistryError()
    {
    }

    public RegistryError(string message)
        : base(message)
    {
    }

    public RegistryError(string message, Exception inner)
        : base(message, inner)
    {
    }

    public int HttpStatus { get; } = 500;

    public int ErrorCode { get; } = 50001;

    public static RegistryError SubjectNotFound(string subject) => new(404, 40401, $"Subject '{subject}' not found.");

    public static RegistryError VersionNotFound(string subject, int version) => new(404, 40402, $"Version {version} not found for subject '{subject}'.");

    public static RegistryError SchemaNotFound(string detail) => new(404, 40403, detail);

    public static RegistryError InvalidSchema(string detail) => new(422, 42201, detail);

    public static RegistryError InvalidVersion(string text) =>
        new(422, 42202, $"The specified version '{text}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\".");

    public static RegistryError InvalidCompatibilityLevel(string? text) =>
        new(422, 42203, $"Invalid compatibility level '{text}'. Valid values are: {CompatibilityLevelNames.Allowed}.");
}
