namespace Cdc.Connector.MongoDb;

/// <summary>The validators <see cref="CollectionValidatorReader.ReadInScope"/> found, and each listing the server refused (a message to log).</summary>
internal sealed class ValidatorReading(IReadOnlyList<CollectionValidator> validators, IReadOnlyList<string> failures)
{
    /// <summary>One per collection in scope, ordered by namespace.</summary>
    public IReadOnlyList<CollectionValidator> Validators { get; } = validators;

    /// <summary>Each database (or the cluster's database list) whose collections could not be listed, with what it costs and the fix.</summary>
    public IReadOnlyList<string> Failures { get; } = failures;
}
