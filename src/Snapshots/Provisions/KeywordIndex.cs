namespace Snapshots.Provisions;

/// <summary>
/// Finds, in one pass over a lower-cased text, which clause types' keywords start a word and where: a trie of every
/// keyword of the catalogue, walked from each word start. Typing a provision then runs a type's patterns only on the
/// sentences that hold one of its keywords.
/// </summary>
internal sealed class KeywordIndex
{
    private readonly Node root = new();

    public KeywordIndex(IReadOnlyList<IReadOnlyList<string>> keywordsByType)
    {
        for (var type = 0; type < keywordsByType.Count; type++)
        {
            foreach (var keyword in keywordsByType[type])
            {
                var node = root;
                foreach (var c in keyword) node = node.Child(c, create: true)!;
                if (!node.Types.Contains(type)) node.Types.Add(type);
            }
        }
    }

    /// <summary>Calls <paramref name="found"/> with (type, position) for each keyword that starts a word of <paramref name="lowered"/>.</summary>
    public void Find(string lowered, Action<int, int> found)
    {
        for (var i = 0; i < lowered.Length; i++)
        {
            if (!char.IsLetterOrDigit(lowered[i]) || (i > 0 && char.IsLetterOrDigit(lowered[i - 1]))) continue;
            var node = root;
            for (var j = i; j < lowered.Length; j++)
            {
                node = node.Child(lowered[j], create: false);
                if (node is null) break;
                foreach (var type in node.Types) found(type, i);
            }
        }
    }

    private sealed class Node
    {
        private Dictionary<char, Node>? children;

        public List<int> Types { get; } = [];

        public Node? Child(char c, bool create)
        {
            if (children is not null && children.TryGetValue(c, out var child)) return child;
            if (!create) return null;
            children ??= [];
            return children[c] = new Node();
        }
    }
}
