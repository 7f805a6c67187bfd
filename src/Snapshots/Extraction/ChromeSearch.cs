using AngleSharp.Dom;

namespace Snapshots.Extraction;

/// <summary>A top-down search of the selected content: each element is judged before its children, and the outermost one dropped wins.</summary>
internal static class ChromeSearch
{
    /// <summary>The elements to drop, outermost first in document order; <paramref name="withRoots"/> judges the selected roots too.</summary>
    public static List<IElement> TopDown(SelectedContent selection, bool withRoots, Func<IElement, ChromeVerdict> judge)
    {
        var dropped = new List<IElement>();
        var stack = new Stack<IElement>();
        foreach (var root in selection.Nodes.Reverse())
        {
            if (root is IElement element && withRoots) stack.Push(element);
            else if (root is IParentNode) ElementTree.PushChildrenInReverse(stack, root);
        }
        while (stack.Count > 0)
        {
            selection.Tick();
            var element = stack.Pop();
            switch (judge(element))
            {
                case ChromeVerdict.Drop:
                    dropped.Add(element);
                    break;
                case ChromeVerdict.Descend:
                    ElementTree.PushChildrenInReverse(stack, element);
                    break;
            }
        }
        return dropped;
    }

    /// <summary>The element's ancestors, nearest first.</summary>
    public static IEnumerable<IElement> Ancestors(IElement element)
    {
        for (var parent = element.ParentElement; parent is not null; parent = parent.ParentElement) yield return parent;
    }
}
