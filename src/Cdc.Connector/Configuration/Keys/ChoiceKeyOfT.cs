namespace Cdc.Connector.Configuration.Keys;

/// <summary>A choice bound to a typed value (an enum the code switches on), each word paired with its value.</summary>
internal sealed class ChoiceKey<T> : ChoiceKey
    where T : notnull
{
    private readonly Action<CdcOptions, T> _set;
    private readonly (string Word, T Value)[] _choices;
    private readonly string[] _words;

    public ChoiceKey(string section, string name, Action<CdcOptions, T> set, params (string Word, T Value)[] choices)
        : base(section, name)
    {
        _set = set;
        _choices = choices;
        _words = [.. choices.Select(choice => choice.Word)];
    }

    public override IReadOnlyList<string> Allowed => _words;

    /// <summary>The documented word of <paramref name="value"/>: what print-config and messages show.</summary>
    public string WordOf(T value)
    {
        foreach (var (word, candidate) in _choices)
        {
            if (EqualityComparer<T>.Default.Equals(candidate, value))
            {
                return word;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, $"'{Path}' has no word for this value.");
    }

    protected override void Set(CdcOptions options, int index) => _set(options, _choices[index].Value);
}
