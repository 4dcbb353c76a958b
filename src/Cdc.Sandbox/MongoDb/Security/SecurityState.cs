using System.Collections.Concurrent;
using Cdc.Sandbox.MongoDb.Server;

namespace Cdc.Sandbox.MongoDb.Security;

/// <summary>Users, what each connection has authenticated as, and who opened each cursor (only its owner may read it).</summary>
internal sealed class SecurityState
{
    private readonly ConcurrentDictionary<int, ConnectionAuthentication> _connections = new();
    private readonly ConcurrentDictionary<long, string[]> _cursorOwners = new();

    public SecurityState(MongoServerOptions options)
    {
        RequireAuthentication = options.RequireAuthentication;
        foreach (var seed in options.Users)
        {
            var credentials = seed.Database == X509Authentication.ExternalDatabase ? [] : MongoUser.CreateCredentials(seed.Name, seed.Password, [ScramMechanism.Sha1, ScramMechanism.Sha256]);
            var user = new MongoUser(seed.Name, seed.Database, seed.Roles, credentials);
            if (!Users.TryAdd(user))
            {
                throw new ArgumentException($"MongoServerOptions.Users names {user.Id} twice; give each user (database and name) once.", nameof(options));
            }
        }
    }

    public bool RequireAuthentication { get; }

    public UserDirectory Users { get; } = new();

    public ConnectionAuthentication Connection(int connectionId) => _connections.GetOrAdd(connectionId, static _ => new ConnectionAuthentication());

    public void ForgetConnection(int connectionId) => _connections.TryRemove(connectionId, out _);

    /// <summary>The users a connection is authenticated as that still exist (a dropped user no longer counts).</summary>
    public List<MongoUser> AuthenticatedUsers(int connectionId)
    {
        if (!_connections.TryGetValue(connectionId, out var connection))
        {
            return [];
        }

        var users = new List<MongoUser>();
        foreach (var (name, database) in connection.Users)
        {
            if (Users.Find(name, database) is { } user)
            {
                users.Add(user);
            }
        }

        return users;
    }

    /// <summary>Whether the connection's users together hold every one of <paramref name="actions"/> on <paramref name="resource"/>.</summary>
    public bool IsAuthorized(int connectionId, ResourcePattern resource, IEnumerable<string> actions)
    {
        var privileges = AuthenticatedUsers(connectionId).SelectMany(user => user.Privileges).Where(privilege => privilege.Resource.Covers(resource)).ToList();
        return actions.All(action => privileges.Any(privilege => privilege.Actions.Contains(action) || privilege.Actions.Contains("anyAction")));
    }

    public void RecordCursorOwner(long cursorId, int connectionId) =>
        _cursorOwners[cursorId] = [.. AuthenticatedUsers(connectionId).Select(user => user.Id)];

    /// <summary>
    /// As mongod: a cursor may be continued or killed only by a connection authenticated as (one of) the users that
    /// opened it. Cursors opened without authentication belong to any unauthenticated use (auth off).
    /// </summary>
    public bool IsCursorOwner(long cursorId, int connectionId)
    {
        if (!_cursorOwners.TryGetValue(cursorId, out var owners) || owners.Length == 0)
        {
            return true;
        }

        var current = AuthenticatedUsers(connectionId).Select(user => user.Id).ToHashSet(StringComparer.Ordinal);
        return owners.Any(current.Contains);
    }

    public void ForgetCursor(long cursorId) => _cursorOwners.TryRemove(cursorId, out _);
}
