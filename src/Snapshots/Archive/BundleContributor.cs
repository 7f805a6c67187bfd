namespace Snapshots.Archive;

/// <summary>
/// Adds files to an evidence bundle from a capability above the archive (provision texts, transparency-log checkpoints and
/// inclusion proofs): registered in DI as <see cref="IBundleContributor"/>, called by <see cref="EvidenceExporter"/> once per
/// export after the versions are written. Each file goes under the bag's <c>data/</c> folder and into its manifest.
/// </summary>
public interface IBundleContributor
{
    Task ContributeAsync(BundleContribution bundle, CancellationToken ct);
}

/// <summary>What a contributor sees of an export: the document, its exported versions, and where to add payload files.</summary>
public sealed class BundleContribution
{
    private readonly BagWriter _bag;

    internal BundleContribution(Catalog.DocumentId document, IReadOnlyList<VersionRecord> versions, BagWriter bag)
    {
        Document = document;
        Versions = versions;
        _bag = bag;
    }

    public Catalog.DocumentId Document { get; }
    public IReadOnlyList<VersionRecord> Versions { get; }

    /// <summary>The folder of a version inside the bag (<c>data/versions/000001/</c>).</summary>
    public static string VersionFolder(long sequence) => EvidenceBundleLayout.Folder(sequence);

    /// <summary>Adds a payload file; <paramref name="path"/> starts with <c>data/</c>.</summary>
    public Task AddAsync(string path, byte[] bytes, CancellationToken ct) => _bag.AddPayloadAsync(path, bytes, ct);
}
