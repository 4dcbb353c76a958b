namespace Cdc.Connector.Configuration;

/// <summary>
/// The known name a mistyped one most likely meant: the closest by edit distance (insertions, deletions,
/// substitutions and swaps of two neighbouring letters, ignoring case), when it is close enough to be a typo.
/// </summary>
internal static class SpellingSuggestion
{
    /// <summary>The closest of <paramref name="known"/> to <paramref name="typed"/>, or null when none is a likely typo.</summary>
    public static string? Closest(string typed, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(known);

        // About one edit per three letters, at least one and at most three: "scoop" → "scope", "mongo" → "mongodb",
        // "topicPrefx" → "topicPrefix", while a name that shares only a few letters with every known one gets no guess
        // rather than a wrong one.
        var limit = Math.Clamp((typed.Length + 1) / 3, 1, 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var name in known)
        {
            var distance = Distance(typed, name);
            if (distance <= limit && distance < bestDistance)
            {
                best = name;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Optimal string alignment distance, case-insensitive.</summary>
    internal static int Distance(string a, string b)
    {
        var previousPrevious = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1
                    && char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 2])
                    && char.ToLowerInvariant(a[i - 2]) == char.ToLowerInvariant(b[j - 1]))
                {
                    value = Math.Min(value, previousPrevious[j - 2] + 1);
                }

                current[j] = value;
            }

            (previousPrevious, previous, current) = (previous, current, previousPrevious);
        }

        return previous[b.Length];
    }
}
