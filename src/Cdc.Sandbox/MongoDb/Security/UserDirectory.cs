using System.Collections.Concurrent;

namespace Cdc.Sandbox.MongoDb.Security;

/// <summary>The server's users (what admin.system.users holds on mongod), keyed by authentication database and name.</summary>
internal sealed class UserDirectory
{
    private readonly ConcurrentDictionary<(string Database, string Name), MongoUser> _users = new();

    public bool IsEmpty => _users.IsEmpty;

    public MongoUser? Find(string name, string database) => _users.TryGetValue((database, name), out var user) ? user : null;

    public bool TryAdd(MongoUser user) => _users.TryAdd((user.Database, user.Name), user);

    public void Replace(MongoUser user) => _users[(user.Database, user.Name)] = user;

    public bool Remove(string name, string database) => _users.TryRemove((database, name), out _);

    /// <summary>Users of one database, or of all when <paramref name="database"/> is null, ordered like usersInfo lists them.</summary>
    public List<MongoUser> List(string? database) =>
    [
        .. _users.Values.Where(user => database is null || user.Database == database)
            .OrderBy(user => user.Database, StringComparer.Ordinal).ThenBy(user => user.Name, StringComparer.Ordinal),
    ];
}
