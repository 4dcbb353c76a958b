using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>The collection options create and collMod accept; options that need a storage engine feature are refused.</summary>
internal static class CollectionOptionsParser
{
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
                case "validator" or "validationLevel" or "validationAction" when commandName == "create":
                    // Stored and echoed by listCollections; the sandbox does not validate documents against it.
                    options.Add(name, value.Clone());
                    break;
                default:
                    throw CommandException.NotEmulated(ErrorCodes.InvalidOptions, $"{commandName} option '{name}'");
            }
        }

        return options;
    }
}
