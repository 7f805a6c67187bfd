namespace Snapshots.Provisions;

/// <summary>
/// A range of a version's text: a provision is stored as ranges of the text blob of its version, never as a copy of the
/// text (<c>versionText.Substring(Start, Length)</c>).
/// </summary>
public readonly record struct TextRange(int Start, int Length)
{
    public int End => Start + Length;

    /// <summary>The text this range covers in <paramref name="versionText"/>.</summary>
    public string Of(string versionText) => versionText.Substring(Start, Length);

    public ReadOnlySpan<char> SpanOf(string versionText) => versionText.AsSpan(Start, Length);

    public static TextRange FromBounds(int start, int end) => new(start, end - start);

    public override string ToString() => $"{Start}+{Length}";
}
