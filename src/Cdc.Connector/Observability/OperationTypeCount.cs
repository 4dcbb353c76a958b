namespace Cdc.Connector.Observability;

/// <summary>A counter for one operation type; a class so the hot path increments it in place after one lookup.</summary>
internal sealed class OperationTypeCount
{
    private long _value;

    public long Value => Interlocked.Read(ref _value);

    public void Increment() => Interlocked.Increment(ref _value);
}
