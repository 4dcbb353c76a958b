namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>Tests that compare the process's live heap before and after an operation run alone, so no other test's allocations blur the difference.</summary>
[CollectionDefinition(nameof(SerialHeapMeasurements), DisableParallelization = true)]
public sealed class SerialHeapMeasurements;
