using System.Text.RegularExpressions;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>
/// A command's <c>collation</c> checked as mongod parses it (an object with a <c>locale</c>, known fields of the right
/// types and ranges). The sandbox accepts it and keeps it in the command (<c>$currentOp</c> shows it), but compares
/// strings by their bytes whatever it says: a collation changes no result here. A locale is checked for its form
/// (<c>simple</c>, or <c>en</c>, <c>en_US</c>, <c>zh_Hant</c>, <c>en_US_POSIX</c> …), not against ICU's list.
/// </summary>
internal static partial class CollationOption
{
    public static void Validate(Doc command, string commandName)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command["collation"] is not { } value)
        {
            return;
        }

        if (!value.IsDocument)
        {
            throw new CommandException(ErrorCodes.TypeMismatch, $"BSON field '{commandName}.collation' is the wrong type '{CommandArguments.TypeName(value)}', expected type 'object'");
        }

        var collation = value.Document;
        foreach (var (name, field) in collation.Fields)
        {
            switch (name)
            {
                case "locale":
                    var locale = Text(name, field);
                    if (locale != "simple" && !LocalePattern().IsMatch(locale))
                    {
                        throw new CommandException(ErrorCodes.BadValue, $"Field 'locale' is invalid in: {collation}");
                    }

                    break;
                case "caseLevel" or "numericOrdering" or "normalization" or "backwards":
                    if (field.Type != BsonType.Boolean)
                    {
                        throw WrongType(name, field, "bool");
                    }

                    break;
                case "strength":
                    var strength = field.IsNumber ? field.ToDouble() : throw WrongType(name, field, "int");
                    if (strength is not (1 or 2 or 3 or 4 or 5))
                    {
                        throw new CommandException(ErrorCodes.BadValue, $"Field 'strength' must be an integer 1 through 5. Got: {field}");
                    }

                    break;
                case "caseFirst":
                    OneOf(name, Text(name, field), "upper", "lower", "off");
                    break;
                case "alternate":
                    OneOf(name, Text(name, field), "non-ignorable", "shifted");
                    break;
                case "maxVariable":
                    OneOf(name, Text(name, field), "punct", "space");
                    break;
                case "version":
                    Text(name, field);
                    break;
                default:
                    throw new CommandException(40415, $"BSON field 'collation.{name}' is an unknown field.");
            }
        }

        if (!collation.Contains("locale"))
        {
            throw new CommandException(40414, "BSON field 'collation.locale' is missing but a required field");
        }
    }

    private static string Text(string name, DocValue field) => field.Type == BsonType.String ? field.String : throw WrongType(name, field, "string");

    private static void OneOf(string name, string value, params string[] allowed)
    {
        if (!allowed.Contains(value))
        {
            throw new CommandException(ErrorCodes.BadValue, $"Field '{name}' must be one of {string.Join(", ", allowed.Select(a => $"'{a}'"))}. Got: {value}");
        }
    }

    private static CommandException WrongType(string name, DocValue field, string expected) =>
        new(ErrorCodes.TypeMismatch, $"BSON field 'collation.{name}' is the wrong type '{CommandArguments.TypeName(field)}', expected type '{expected}'");

    [GeneratedRegex("^[a-z]{2,3}(_[A-Z][a-z]{3})?(_[A-Z]{2})?(_POSIX)?$", RegexOptions.CultureInvariant)]
    private static partial Regex LocalePattern();
}
