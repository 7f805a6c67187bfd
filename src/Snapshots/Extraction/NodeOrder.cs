using AngleSharp.Dom;

namespace Snapshots.Extraction;

/// <summary>
/// Document order of every node of a document, as pre-order positions: a node's subtree occupies the positions
/// [<see cref="Start"/>, <see cref="End"/>). Taken once per document state; stale after the tree changes.
/// </summary>
internal sealed class NodeOrder
{
    private readonly Dictionary<INode, (int Start, int End)> _spans = new(ReferenceEqualityComparer.Instance);

    public NodeOrder(IDocument document)
    {
        var position = 0;
        Number(document, ref position);
    }

    public int Start(INode node) => _spans[node].Start;

    public int End(INode node) => _spans[node].End;

    private void Number(INode node, ref int position)
    {
        var start = position++;
        foreach (var child in node.ChildNodes) Number(child, ref position);
        _spans[node] = (start, position);
    }
}
