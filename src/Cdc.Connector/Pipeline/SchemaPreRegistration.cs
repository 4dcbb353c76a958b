using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Pipeline;

/// <summary>
/// Registers the key and value schemas of every namespace the stream is known to publish (the collections that exist
/// now, <see cref="IPipelineEnvironment.ListWatchedCollections"/>) before the first event is read, so that event does not
/// wait for the registry. The routes come from the pipeline's own mapper, so the ids are cached on the very route
/// objects its events map to. Runs on the reading thread, right after the stream opened: the mapper and the
/// <see cref="Sink.SchemaIdCache"/> stay single-threaded, and readiness (which needs the stream open) waits for none
/// of it.
/// </summary>
/// <remarks>
/// Only an optimisation: whatever goes wrong (listing fails, the registry is down, refuses, or is slow past
/// <see cref="PipelineSettings.PreRegistrationBudget"/>) is logged in one line and left to the per-event path, which
/// retries an unreachable registry and stops on a refusal exactly as it did without this. It runs once per process;
/// a later cycle tries again only when it did not finish.
/// </remarks>
internal sealed class SchemaPreRegistration
{
    private readonly IPipelineEnvironment _environment;
    private readonly EventEncoding _encoding;
    private readonly PipelineSettings _settings;
    private readonly ILogger _logger;

    public SchemaPreRegistration(IPipelineEnvironment environment, EventEncoding encoding, PipelineSettings settings, ILogger logger)
    {
        _environment = environment;
        _encoding = encoding;
        _settings = settings;
        _logger = logger;
    }

    /// <summary>True once a run finished (capped or not): later cycles skip it.</summary>
    public bool IsDone { get; private set; }

    /// <summary>Registers what it can within the budget; returns at once when done before or when <paramref name="stopping"/> is cancelled. Never throws.</summary>
    public void Run(CancellationToken stopping)
    {
        if (IsDone || stopping.IsCancellationRequested)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        budget.CancelAfter(_settings.PreRegistrationBudget);
        var registered = 0;
        var total = "an unknown number (listing the collections did not finish)";
        try
        {
            var known = _environment.ListWatchedCollections(budget.Token);
            total = known.Count.ToString(CultureInfo.InvariantCulture);
            var limit = _settings.PreRegistrationLimit;
            if (known.Count > limit)
            {
                PipelineLog.SchemaPreRegistrationCapped(_logger, known.Count, limit);
            }

            foreach (var collection in known.Take(limit))
            {
                var route = _encoding.Mapper.RouteOf(collection.Database, collection.Collection);
                _encoding.SchemaIds.PreRegister(route, keyOnly: _encoding.Typed is not null, budget.Token);
                registered++;
            }

            IsDone = true;
            PipelineLog.SchemasPreRegistered(_logger, registered, clock.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: nothing to report, the cycle ends.
        }
        catch (OperationCanceledException)
        {
            var problem = $"the {(long)_settings.PreRegistrationBudget.TotalMilliseconds} ms allowed for it ran out (MongoDB or the Schema Registry answered slowly)";
            PipelineLog.SchemaPreRegistrationStopped(_logger, registered, total, clock.ElapsedMilliseconds, problem);
        }
#pragma warning disable CA1031 // An optimisation must not end the cycle: a registry refusal, a listing failure or a topic collision surfaces on the event path.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            PipelineLog.SchemaPreRegistrationStopped(_logger, registered, total, clock.ElapsedMilliseconds, ex.Message);
        }
    }
}
