namespace Cdc.Connector.Configuration;

/// <summary>Collects every problem of a load so the user fixes them in one round instead of one per run.</summary>
/// <remarks>
/// A key's own problem (a wrong type, a bad value) starts with the key in quotes; the key is then remembered as
/// refused, because its value is unknown. A problem across keys (<see cref="AddAcrossKeys"/>) that names a refused key
/// is left out: it would judge a default the user never chose, and the key's own problem already says what to fix.
/// </remarks>
internal sealed class ConfigurationProblems
{
    private readonly List<string> _problems = [];
    private readonly HashSet<string> _refusedKeys = new(StringComparer.Ordinal);

    public int Count => _problems.Count;

    /// <summary>A problem of one value; a leading 'key' or 'key[i]' marks that key as refused.</summary>
    public void Add(string problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        _problems.Add(problem);
        if (problem.StartsWith('\'') && problem.IndexOf('\'', 1) is var end and > 1)
        {
            var key = problem[1..end];
            var index = key.IndexOf('[', StringComparison.Ordinal);
            _refusedKeys.Add(index < 0 ? key : key[..index]);
        }
    }

    /// <summary>A problem between keys (or a missing requirement); dropped when it names a refused key in quotes.</summary>
    public void AddAcrossKeys(string problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (!_refusedKeys.Any(key => problem.Contains($"'{key}'", StringComparison.Ordinal)))
        {
            _problems.Add(problem);
        }
    }

    /// <summary>Whether a key starting with <paramref name="keyPrefix"/> was refused (its own problem was added).</summary>
    public bool Refused(string keyPrefix) => _refusedKeys.Any(key => key.StartsWith(keyPrefix, StringComparison.Ordinal));

    public void ThrowIfAny()
    {
        if (_problems.Count > 0)
        {
            throw new ConfigurationException(_problems.ToArray());
        }
    }
}
