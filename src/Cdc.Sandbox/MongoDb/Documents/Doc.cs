namespace Cdc.Sandbox.MongoDb.Documents;

/// <summary>An ordered, mutable BSON document: field order is preserved as MongoDB preserves it.</summary>
internal sealed class Doc
{
    private readonly List<KeyValuePair<string, DocValue>> _fields;

    public Doc()
    {
        _fields = [];
    }

    private Doc(List<KeyValuePair<string, DocValue>> fields)
    {
        _fields = fields;
    }

    public int Count => _fields.Count;

    public IReadOnlyList<KeyValuePair<string, DocValue>> Fields => _fields;

    public DocValue? this[string name] => TryGet(name, out var value) ? value : null;

    public bool TryGet(string name, out DocValue value)
    {
        var index = IndexOf(name);
        value = index >= 0 ? _fields[index].Value : null!;
        return index >= 0;
    }

    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>Replaces the value in place when the field exists (keeping its position), else appends it.</summary>
    public Doc Set(string name, DocValue value)
    {
        var index = IndexOf(name);
        if (index >= 0)
        {
            _fields[index] = new(name, value);
        }
        else
        {
            _fields.Add(new(name, value));
        }

        return this;
    }

    /// <summary>Appends without looking for an existing field: for building replies in a known order.</summary>
    public Doc Add(string name, DocValue value)
    {
        _fields.Add(new(name, value));
        return this;
    }

    public Doc Add(string name, string value) => Add(name, DocValue.FromString(value));

    public Doc Add(string name, int value) => Add(name, DocValue.FromInt32(value));

    public Doc Add(string name, long value) => Add(name, DocValue.FromInt64(value));

    public Doc Add(string name, double value) => Add(name, DocValue.FromDouble(value));

    public Doc Add(string name, bool value) => Add(name, DocValue.FromBoolean(value));

    public Doc Add(string name, Doc value) => Add(name, DocValue.FromDocument(value));

    public bool Remove(string name)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            return false;
        }

        _fields.RemoveAt(index);
        return true;
    }

    public void Insert(int position, string name, DocValue value) => _fields.Insert(position, new(name, value));

    public int IndexOf(string name)
    {
        for (var i = 0; i < _fields.Count; i++)
        {
            if (string.Equals(_fields[i].Key, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public Doc Clone() => new(_fields.ConvertAll(static field => new KeyValuePair<string, DocValue>(field.Key, field.Value.Clone())));

    public override string ToString() => DocJson.Format(DocValue.FromDocument(this));
}
