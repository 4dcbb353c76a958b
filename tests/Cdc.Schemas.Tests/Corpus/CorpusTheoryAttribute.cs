namespace Cdc.Schemas.Tests.Corpus;

/// <summary>A theory that is visibly skipped, never silently passed, when the BSON corpus folder is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (!BsonCorpus.Exists)
        {
            Skip = BsonCorpus.MissingMessage;
        }
    }
}
