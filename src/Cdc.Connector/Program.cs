using Cdc.Connector.Cli;

// STUB: verb dispatch arrives with the launcher work.
return args.Length > 0 && args[0] == "inspect"
    ? InspectCommand.Run(args[1..], Console.In, Console.Out, Console.Error)
    : 2;
