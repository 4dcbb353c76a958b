using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Query;

/// <summary>What an aggregation expression reads: <c>$$CURRENT</c> (what "$field" paths start from) and <c>$$ROOT</c>.</summary>
internal readonly record struct ExpressionScope(Doc Current, Doc Root);
