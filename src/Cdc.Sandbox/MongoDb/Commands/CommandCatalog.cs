namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>Every command the emulator answers; anything else is CommandNotFound.</summary>
internal static class CommandCatalog
{
    public static IReadOnlyList<ICommandHandler> All() =>
    [
        new HelloCommand(),
        new PingCommand(),
        new BuildInfoCommand(),
        new EndSessionsCommand(),
        new ListDatabasesCommand(),
        new ListCollectionsCommand(),
        new CreateCommand(),
        new CollModCommand(),
        new DropCommand(),
        new CreateIndexesCommand(),
        new ListIndexesCommand(),
        new DropIndexesCommand(),
        new DropDatabaseCommand(),
        new RenameCollectionCommand(),
        new InsertCommand(),
        new UpdateCommand(),
        new DeleteCommand(),
        new FindCommand(),
        new CountCommand(),
        new GetMoreCommand(),
        new KillCursorsCommand(),
        new AggregateCommand(),
        new ConfigureFailPointCommand(),
        new ReplSetStepDownCommand(),
        new ReplSetFreezeCommand(),
        new TransactionEndCommand(),
        new SaslCommand(),
        new AuthenticateCommand(),
        new LogoutCommand(),
        new ConnectionStatusCommand(),
        new CreateUserCommand(),
        new DropUserCommand(),
        new UpdateUserCommand(),
        new UserRolesCommand(),
        new UsersInfoCommand(),
    ];
}
