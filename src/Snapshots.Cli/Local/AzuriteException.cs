namespace Snapshots.Cli.Local;

/// <summary>Azurite could not be started, found or stopped; the message says what to do.</summary>
public sealed class AzuriteException(string message) : Exception(message);
