using Assistant.Cli;

// Backup and restore of the service's data directory.
return await Cli.RunAsync(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error);
