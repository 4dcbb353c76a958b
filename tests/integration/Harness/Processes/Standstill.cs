namespace Cdc.Integration.Tests;

/// <summary>
/// Samples of a connector a fault should hold still: its committed token and the records read so far, and how many
/// source events MongoDB had reported when either last moved. A test keeps the fault on until the source has grown
/// well past that point, so events taken before the fault may be published and committed as late as the machine
/// allows, and standing still is judged against the source's growth, not against a clock.
/// </summary>
internal sealed class Standstill
{
    private bool _observed;

    public string? LastToken { get; private set; }

    public int LastRecords { get; private set; }

    /// <summary>Source events when the token or the records last moved (when first observed, if they never did).</summary>
    public int SourceEventsAtLastMove { get; private set; }

    /// <summary>How often the token or the records moved after the first observation.</summary>
    public int Moves { get; private set; }

    public void Observe(string? token, int records, int sourceEvents)
    {
        if (_observed && token == LastToken && records == LastRecords)
        {
            return;
        }

        if (_observed)
        {
            Moves++;
        }

        _observed = true;
        LastToken = token;
        LastRecords = records;
        SourceEventsAtLastMove = sourceEvents;
    }

    public string Describe() =>
        $"checkpoint {LastToken ?? "(none)"} and {LastRecords} records read unchanged since source event #{SourceEventsAtLastMove} ({Moves} moves after the first sample)";
}
