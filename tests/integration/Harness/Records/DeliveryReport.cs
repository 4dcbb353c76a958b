using System.Text;

namespace Cdc.Integration.Tests;

/// <summary>What <see cref="DeliveryChecker"/> found: problems (each a sentence) and counts for the test output.</summary>
internal sealed class DeliveryReport
{
    public List<string> Problems { get; } = [];

    public int SourceEvents { get; set; }

    public int DataRecords { get; set; }

    public int Tombstones { get; set; }

    /// <summary>Records whose resume token is not a ground-truth event (published before the watcher started).</summary>
    public int RecordsOutsideGroundTruth { get; set; }

    /// <summary>Duplicates republished by each run after the first (index 0: the run after crash 1).</summary>
    public List<int> DuplicatesPerRestart { get; } = [];

    /// <summary>Per crash: how far behind the crash point the committed token was, in events (null: not resolvable).</summary>
    public List<int?> ReplayableTailPerCrash { get; } = [];

    public int TotalDuplicates => DuplicatesPerRestart.Sum();

    public string Summary()
    {
        var text = new StringBuilder();
        text.Append($"source events {SourceEvents}, data records {DataRecords}, tombstones {Tombstones}, records outside the ground truth {RecordsOutsideGroundTruth}, duplicates {TotalDuplicates}");
        for (var i = 0; i < DuplicatesPerRestart.Count; i++)
        {
            var tail = i < ReplayableTailPerCrash.Count && ReplayableTailPerCrash[i] is { } t ? t.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?";
            text.Append($"\n  crash {i + 1}: {DuplicatesPerRestart[i]} duplicates republished; {tail} events were published past the committed token");
        }

        return text.ToString();
    }

    public string Failure() => $"{Problems.Count} problem(s):\n- " + string.Join("\n- ", Problems.Take(30)) + "\n" + Summary();
}
