using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>
/// The collection options create and collMod accept (pre- and post-images, the validator and its level and action);
/// options that need a storage engine feature are refused.
/// </summary>
internal static class CollectionOptionsParser
{
    private static readonly string[] ValidationLevels = ["off", "strict", "moderate"];
    private static readonly string[] ValidationActions = ["error", "warn", "errorAndLog"];

    public static Doc Parse(Doc command, string commandName)
    {
        var options = new Doc();
        for (var i = 1; i < command.Count; i++)
        {
            var (name, value) = command.Fields[i];
            if (GenericCommandFields.IsGeneric(name))
            {
                continue;
            }

            switch (name)
            {
                case "changeStreamPreAndPostImages":
                    if (!value.IsDocument || value.Document.Count != 1 || value.Document["enabled"] is not { Type: BsonType.Boolean })
                    {
                        throw new CommandException(ErrorCodes.TypeMismatch, $"{commandName}: changeStreamPreAndPostImages must be {{enabled: <bool>}}, not {value}");
                    }

                    options.Add(name, value.Clone());
                    break;
                case "validator":
                    // Stored as given and echoed by listCollections, as a server does; the sandbox does not validate
                    // documents against it. collMod replaces it, so validator: {} removes the rules.
                    if (!value.IsDocument)
                    {
                        throw new CommandException(ErrorCodes.TypeMismatch, $"{commandName}: validator must be a document, not {value}");
                    }

                    options.Add(name, value.Clone());
                    break;
                case "validationLevel" or "validationAction":
                    // A server lists these only when they were given, so no default is filled in.
                    var allowed = name == "validationLevel" ? ValidationLevels : ValidationActions;
                    if (value.Type != BsonType.String || !allowed.Contains(value.String))
                    {
                        throw new CommandException(ErrorCodes.BadValue, $"{commandName}: {name} must be one of {string.Join(", ", allowed)}, not {value}");
                    }

                    options.Add(name, value.Clone());
                    break;
                default:
                    throw CommandException.NotEmulated(ErrorCodes.InvalidOptions, $"{commandName} option '{name}'");
            }
        }

        return options;
    }
}
