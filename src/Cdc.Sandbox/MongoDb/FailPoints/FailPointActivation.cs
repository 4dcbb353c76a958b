using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.FailPoints;

/// <summary>
/// A fail point's mode as mongod parses it: "off", "alwaysOn", {times: n}, {skip: n} or {activationProbability: p}.
/// Like mongod, times and skip count only evaluations that matched (for failCommand: the command is listed and the
/// appName fits), so unrelated traffic such as the driver's monitoring hellos does not use them up.
/// </summary>
internal sealed class FailPointActivation
{
    private readonly Lock _gate = new();
    private string _kind = "off";
    private long _remaining;
    private double _probability;

    public bool IsOff
    {
        get
        {
            lock (_gate)
            {
                return _kind == "off";
            }
        }
    }

    /// <summary>Parses <paramref name="mode"/>; throws a mongod-shaped error for anything else.</summary>
    public static (string Kind, long Count, double Probability) Parse(DocValue? mode)
    {
        if (mode is null)
        {
            throw new CommandException(ErrorCodes.IllegalOperation, "When setting a failpoint, you must supply a 'mode'");
        }

        if (mode.Type == BsonType.String)
        {
            return mode.String switch
            {
                "off" => ("off", 0, 0),
                "alwaysOn" => ("alwaysOn", 0, 0),
                _ => throw new CommandException(ErrorCodes.BadValue, $"unknown mode: {mode.String}"),
            };
        }

        if (!mode.IsDocument)
        {
            throw new CommandException(ErrorCodes.TypeMismatch, "'mode' must be a string or JSON object");
        }

        var body = mode.Document;
        if (body.Count != 1)
        {
            throw new CommandException(ErrorCodes.BadValue, "'mode' object must have exactly one of 'times', 'skip' or 'activationProbability'");
        }

        var (name, value) = body.Fields[0];
        switch (name)
        {
            case "times":
            case "skip":
                {
                    var count = CommandArguments.AsInteger(value, name);
                    if (count < 0)
                    {
                        throw new CommandException(ErrorCodes.BadValue, $"'{name}' option to 'mode' must be positive");
                    }

                    return (name, count, 0);
                }

            case "activationProbability":
                {
                    var probability = value.Type == BsonType.Double ? value.Double : CommandArguments.AsInteger(value, name);
                    if (probability is < 0 or > 1)
                    {
                        throw new CommandException(ErrorCodes.BadValue, "activationProbability must be between 0.0 and 1.0");
                    }

                    return (name, 0, probability);
                }

            default:
                throw new CommandException(ErrorCodes.BadValue, $"'mode' must be one of 'off', 'alwaysOn', 'times', 'skip' or 'activationProbability', not '{name}'");
        }
    }

    public void Set(string kind, long count, double probability)
    {
        lock (_gate)
        {
            _kind = kind;
            _remaining = count;
            _probability = probability;
            if (kind == "times" && count == 0)
            {
                _kind = "off";
            }
        }
    }

    /// <summary>Called for a matching evaluation: true when the fail point fires this time (and uses one "times").</summary>
    public bool TryFire()
    {
        lock (_gate)
        {
            switch (_kind)
            {
                case "alwaysOn":
                    return true;
                case "times":
                    _remaining--;
                    if (_remaining <= 0)
                    {
                        _kind = "off";
                    }

                    return true;
                case "skip":
                    if (_remaining > 0)
                    {
                        _remaining--;
                        return false;
                    }

                    return true;
                case "activationProbability":
                    return Random.Shared.NextDouble() < _probability;
                default:
                    return false;
            }
        }
    }
}
