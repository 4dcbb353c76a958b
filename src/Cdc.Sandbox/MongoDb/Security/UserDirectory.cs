using System.Collections.Concurrent;

namespace Cdc.Sandbox.MongoDb.Security;

/// <summary>The server's users (what admin.system.users holds on mongod), keyed by authentication database and name.</summary>
internal sealed class UserDirectory
{
    private readonly ConcurrentDictionary<(string Database, string Name), MongoUser> _users = new();

    /// <summary>Serializes read-modify-write updates, so two concurrent grants to one user both take effect.</summary>
    private readonly Lock _updates = new();

    public bool IsEmpty => _users.IsEmpty;

    public MongoUser? Find(string name, string database) => _users.TryGetValue((database, name), out var user) ? user : null;

    public bool TryAdd(MongoUser user) => _users.TryAdd((user.Database, user.Name), user);

    /// <summary>Applies <paramref name="change"/> to the current record of a user; false when there is no such user.</summary>
    public bool Update(string name, string database, Func<MongoUser, MongoUser> change)
    {
        lock (_updates)
        {
            if (!_users.TryGetValue((database, name), out var user))
            {
                return false;
            }

            _users[(database, name)] = change(user);
            return true;
        }
    }

    public bool Remove(string name, string database)
    {
        lock (_updates)
        {
            return _users.TryRemove((database, name), out _);
        }
    }

    /// <summary>Users of one database, or of all when <paramref name="database"/> is null, ordered like usersInfo lists them.</summary>
    public List<MongoUser> List(string? database) =>
    [
        .. _users.Values.Where(user => database is null || user.Database == database)
            .OrderBy(user => user.Database, StringComparer.Ordinal).ThenBy(user => user.Name, StringComparer.Ordinal),
    ];
}
