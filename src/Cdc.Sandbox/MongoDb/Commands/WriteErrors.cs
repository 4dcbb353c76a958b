using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>Collects per-statement failures of a write command into the writeErrors array a server returns with ok: 1.</summary>
internal sealed class WriteErrors
{
    private readonly List<DocValue> _errors = [];

    public int Count => _errors.Count;

    public void Add(int index, CommandException error, DocValue? duplicateId = null)
    {
        var entry = new Doc().Add("index", index).Add("code", error.Code);
        if (duplicateId is not null)
        {
            entry.Add("keyPattern", new Doc().Add("_id", 1)).Add("keyValue", new Doc().Add("_id", duplicateId));
        }

        entry.Add("errmsg", error.Message);
        _errors.Add(DocValue.FromDocument(entry));
    }

    public void AppendTo(Doc reply)
    {
        if (_errors.Count > 0)
        {
            reply.Add("writeErrors", DocValue.FromArray(_errors));
        }
    }
}
