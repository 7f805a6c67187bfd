namespace Snapshots.Benchmarks.Corpus;

/// <summary>How one generated policy page is laid out and which parts of it a declaration keeps.</summary>
public enum PageLayout
{
    /// <summary>The text is an <c>article.policy</c> inside <c>main</c>; the declaration selects the article and removes its table of contents and share buttons.</summary>
    Article,
    /// <summary>The text is all of <c>main</c>, which also holds breadcrumbs, a cookie notice and a related-links aside that the declaration removes.</summary>
    MainWithClutter,
}

/// <summary>One document of the generated corpus: who publishes it, where it is served, how big it is and how it is laid out.</summary>
public sealed record CorpusDocument(int Index, string PlatformName, string TermsType, string Path, int TargetBytes, PageLayout Layout, int Seed);
