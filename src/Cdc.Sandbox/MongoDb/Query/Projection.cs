using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Query;

/// <summary>
/// find/$project projections: inclusion ({a: 1, "b.c": 1}) or exclusion ({a: 0}), _id included unless excluded.
/// Projection operators and expressions are refused.
/// </summary>
internal sealed class Projection
{
    private readonly List<string> _paths = [];
    private readonly bool _inclusion;
    private readonly bool _includeId = true;

    public Projection(Doc specification)
    {
        bool? inclusion = null;
        foreach (var (path, value) in specification.Fields)
        {
            bool include;
            if (value.Type == BsonType.Boolean || value.IsNumber)
            {
                include = value.Type == BsonType.Boolean ? value.Boolean : value.ToDouble() != 0;
            }
            else
            {
                throw CommandException.NotEmulated(ErrorCodes.BadValue, $"projection value {value} for field '{path}' (operators and expressions)");
            }

            if (path == "_id")
            {
                _includeId = include;
                continue;
            }

            if (inclusion is not null && inclusion != include)
            {
                throw new CommandException(
                    include ? 31253 : 31254,
                    include ? $"Cannot do inclusion on field {path} in exclusion projection" : $"Cannot do exclusion on field {path} in inclusion projection");
            }

            inclusion = include;
            _paths.Add(path);
        }

        // {_id: 1} alone is an inclusion projection (only _id is returned); {_id: 0} alone an exclusion.
        _inclusion = inclusion ?? (specification.Count > 0 && _includeId);
    }

    public Doc Apply(Doc document)
    {
        if (_inclusion)
        {
            var projected = new Doc();
            if (_includeId && document["_id"] is { } id)
            {
                projected.Add("_id", id);
            }

            // An inclusion keeps the document's field order, not the specification's, as the server does.
            var ordered = new List<string>(_paths);
            ordered.Sort((left, right) => TopLevelPosition(document, left).CompareTo(TopLevelPosition(document, right)));
            foreach (var path in ordered)
            {
                if (PathEditor.Get(document, path) is { } value)
                {
                    PathEditor.Set(projected, path, value);
                }
            }

            return projected;
        }

        var copy = document.Clone();
        foreach (var path in _paths)
        {
            PathEditor.Remove(copy, path);
        }

        if (!_includeId)
        {
            copy.Remove("_id");
        }

        return copy;
    }

    private static int TopLevelPosition(Doc document, string path)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        var position = document.IndexOf(dot < 0 ? path : path[..dot]);
        return position < 0 ? int.MaxValue : position;
    }
}
