namespace Snapshots.Benchmarks.Corpus;

/// <summary>
/// A deterministic corpus of N policy documents: the same seed and N give the same documents, sizes and bytes on every run.
/// Four documents per platform (the terms types Snapshots tracks for Mistral AI), each on its own URL, sizes spread
/// log-uniformly between <see cref="MinBytes"/> and <see cref="MaxBytes"/> (most pages are small, a few are large, as on the web).
/// </summary>
public sealed class PolicyCorpus
{
    public const int MinBytes = 50 * 1024;
    public const int MaxBytes = 1024 * 1024;
    public const int DefaultSeed = 20260;
    private static readonly string[] TermsTypes = ["Terms of Service", "Privacy Policy", "Commercial Terms", "Acceptable Use Policy"];

    public PolicyCorpus(int count, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        Seed = seed;
        Documents = Enumerable.Range(0, count).Select(index => Describe(index, seed)).ToList();
    }

    public int Seed { get; }
    public IReadOnlyList<CorpusDocument> Documents { get; }

    /// <summary>Which documents the "10% changed" cycle edits: every tenth, so the choice is the same on every run.</summary>
    public static bool IsInChangedTenth(int index) => index % 10 == 0;

    private static CorpusDocument Describe(int index, int seed)
    {
        var random = new Random(unchecked(seed * 1_000_003 + index));
        var platform = $"Bench Platform {index / TermsTypes.Length:D4}";
        var termsType = TermsTypes[index % TermsTypes.Length];
        var fraction = random.NextDouble();
        var size = (int)(MinBytes * Math.Pow((double)MaxBytes / MinBytes, fraction));
        var layout = random.Next(2) == 0 ? PageLayout.Article : PageLayout.MainWithClutter;
        var path = $"/{Slugify(platform)}/legal/{Slugify(termsType)}";
        return new CorpusDocument(index, platform, termsType, path, size, layout, random.Next());
    }

    private static string Slugify(string text) => text.ToLowerInvariant().Replace(' ', '-');
}
