using DiffPlex;

namespace Snapshots.Changes;

/// <summary>Feeds paragraphs to DiffPlex as the units of a section diff.</summary>
internal sealed class ParagraphChunker : IChunker
{
    public static readonly ParagraphChunker Instance = new();

    public IReadOnlyList<string> Chunk(string text) => Paragraphs.Split(text);
}

/// <summary>Feeds word, punctuation and whitespace tokens to DiffPlex for inline diffs.</summary>
internal sealed class WordTokenChunker : IChunker
{
    public static readonly WordTokenChunker Instance = new();

    public IReadOnlyList<string> Chunk(string text) => WordTokens.Split(text);
}
