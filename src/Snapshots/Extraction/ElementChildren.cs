using AngleSharp.Dom;

namespace Snapshots.Extraction;

/// <summary>The element children of a node, for walks that keep their own stack.</summary>
internal static class ElementChildren
{
    /// <summary>
    /// Pushes the element children of <paramref name="parent"/> last first, so that they are popped in document order. By
    /// index into the child nodes: AngleSharp finds an element's <c>PreviousElementSibling</c> by searching its parent's
    /// children from the end, so walking a wide element's children that way took time in the square of their number.
    /// </summary>
    public static void PushInReverse(Stack<IElement> stack, INode parent)
    {
        var nodes = parent.ChildNodes;
        for (var i = nodes.Length - 1; i >= 0; i--)
            if (nodes[i] is IElement element) stack.Push(element);
    }
}
