namespace Snapshots.Archive;

/// <summary>
/// Adds files to an evidence bundle from a capability above the archive (provision texts, transparency-log checkpoints and
/// inclusion proofs): registered in DI as <see cref="IBundleContributor"/>, called by <see cref="EvidenceExporter"/> once per
/// export after the versions are written. Each file goes under the bag's <c>data/</c> folder and into its manifest; a
/// contributor may add a step to VERIFY.md (<see cref="BundleContribution.AddVerifyStep"/>), numbered after the archive's own.
/// </summary>
public interface IBundleContributor
{
    Task ContributeAsync(BundleContribution bundle, CancellationToken ct);
}

/// <summary>What a contributor sees of an export: the document, its exported versions, and where to add payload files and VERIFY.md steps.</summary>
public sealed class BundleContribution
{
    private readonly BagWriter _bag;
    private readonly List<(string Title, string Body)> _steps;

    internal BundleContribution(Catalog.DocumentId document, IReadOnlyList<VersionRecord> versions, BagWriter bag, List<(string Title, string Body)> steps)
    {
        Document = document;
        Versions = versions;
        _bag = bag;
        _steps = steps;
    }

    public Catalog.DocumentId Document { get; }
    public IReadOnlyList<VersionRecord> Versions { get; }

    /// <summary>The folder of a version inside the bag (<c>data/versions/000001/</c>).</summary>
    public static string VersionFolder(long sequence) => EvidenceBundleLayout.Folder(sequence);

    /// <summary>The path of a version's text inside the bag (<c>data/versions/000001/text.md</c>), the exact bytes of its text blob.</summary>
    public static string TextFile(long sequence) => EvidenceBundleLayout.Text(sequence);

    /// <summary>
    /// Adds a payload file; <paramref name="path"/> starts with <c>data/</c>. <paramref name="recordedSha256"/>, when given, is
    /// what the manifest lists instead of the bytes' own hash (a file that storage altered then fails <c>sha256sum -c</c>).
    /// </summary>
    public Task AddAsync(string path, byte[] bytes, CancellationToken ct, string? recordedSha256 = null) => _bag.AddPayloadAsync(path, bytes, ct, recordedSha256);

    /// <summary>
    /// Adds a step to VERIFY.md: <paramref name="body"/> (Markdown, its commands in <c>```sh</c> blocks that exit non-zero naming
    /// the file when a check fails) under the heading <c>## N. {title}</c>.
    /// </summary>
    public void AddVerifyStep(string title, string body) => _steps.Add((title, body));
}
