namespace Snapshots.Cli;

/// <summary>The command line asks for something that cannot be done as written; the message says what and how to ask instead (exit code 2).</summary>
public sealed class UsageException(string message) : Exception(message);
