using AngleSharp.Dom;

namespace Snapshots.Extraction;

/// <summary>Walks over the elements of a tree, without recursion (a page's nesting is not bounded by the stack).</summary>
internal static class ElementTree
{
    /// <summary>The elements inside <paramref name="root"/> (not the root itself), in document order.</summary>
    public static IEnumerable<IElement> Descendants(INode root)
    {
        var stack = new Stack<IElement>();
        PushChildrenInReverse(stack, root);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            yield return element;
            PushChildrenInReverse(stack, element);
        }
    }

    /// <summary>
    /// Pushes the element children of <paramref name="parent"/> last first, so that they are popped in document order. By
    /// index into the child nodes: AngleSharp finds an element's <c>PreviousElementSibling</c> by searching its parent's
    /// children from the end, so walking a wide element's children that way took time in the square of their number.
    /// </summary>
    public static void PushChildrenInReverse(Stack<IElement> stack, INode parent)
    {
        var nodes = parent.ChildNodes;
        for (var i = nodes.Length - 1; i >= 0; i--)
            if (nodes[i] is IElement element) stack.Push(element);
    }
}
