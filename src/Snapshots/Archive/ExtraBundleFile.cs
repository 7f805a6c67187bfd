namespace Snapshots.Archive;

/// <summary>One file a capability adds to an evidence bundle: its path in the bundle and its bytes (listed in the bag's manifest).</summary>
public sealed record ExtraBundleFile(string Path, byte[] Bytes);
