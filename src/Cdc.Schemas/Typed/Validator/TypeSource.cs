using Cdc.Schemas.Bson;

namespace Cdc.Schemas.Typed.Validator;

/// <summary>
/// A BSON type a value may have, with the subschema that shapes it (its properties when it is a document, its items
/// when it is an array) and where that subschema is, for refusals.
/// </summary>
internal readonly record struct TypeSource(BsonType Type, SchemaNode Shape, string ShapePath);
