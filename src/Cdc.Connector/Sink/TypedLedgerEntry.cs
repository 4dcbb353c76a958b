using Cdc.Schemas.Typed;

namespace Cdc.Connector.Sink;

/// <summary>A typed namespace's writer schema in force: compiled for the writer, with its Schema Registry id and version.</summary>
internal sealed record TypedLedgerEntry(TypedWritePlan Plan, int SchemaId, string Subject);
