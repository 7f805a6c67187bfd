namespace Snapshots.Tracking;

/// <summary>A history folder or import request that cannot be used: the message names the file (and capture) at fault.</summary>
public sealed class HistoryImportException(string message) : Exception(message);
