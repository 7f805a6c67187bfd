using Snapshots.Cli;

return await SnapshotsCli.RunAsync(args, CliEnvironment.Default());
