using AngleSharp.Css;
using AngleSharp.Css.Dom;
using AngleSharp.Dom;

namespace Snapshots.Extraction;

/// <summary>
/// Which selectors of a fixed list (at most 64) could match an element, from what each alternative of each selector
/// requires of it: an id, a class, or an attribute by name (read from the parsed selectors, never written twice). The
/// answer is a superset and the selectors themselves decide, so a list of many rules costs a few lookups per element
/// instead of a full match of every rule. Ids and classes are compared without case (never fewer candidates than the
/// selectors match, whatever the document's mode); an alternative that requires none of these (a combinator, a bare type)
/// is a candidate for every element.
/// </summary>
internal sealed class SelectorPrefilter
{
    private readonly Dictionary<string, ulong> _byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ulong> _byClass = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ulong>.AlternateLookup<ReadOnlySpan<char>> _byClassSpan;
    private readonly List<(string Attribute, ulong Selectors)> _byAttribute = [];
    private readonly ulong _always;

    public SelectorPrefilter(IReadOnlyList<ISelector> selectors)
    {
        ArgumentNullException.ThrowIfNull(selectors);
        if (selectors.Count > 64) throw new ArgumentException($"at most 64 selectors, not {selectors.Count}", nameof(selectors));
        _byClassSpan = _byClass.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var i = 0; i < selectors.Count; i++)
        {
            var bit = 1UL << i;
            foreach (var requirement in Requirements.Of(selectors[i]))
            {
                switch (requirement)
                {
                    case (RequirementKind.Id, var id): _byId[id] = _byId.GetValueOrDefault(id) | bit; break;
                    case (RequirementKind.Class, var name): _byClass[name] = _byClass.GetValueOrDefault(name) | bit; break;
                    case (RequirementKind.Attribute, var attribute): _byAttribute.Add((attribute, bit)); break;
                    default: _always |= bit; break;
                }
            }
        }
    }

    /// <summary>Bit i is set when selector i could match <paramref name="element"/>.</summary>
    public ulong CandidatesFor(IElement element)
    {
        var candidates = _always;
        if (element.Attributes.Length == 0) return candidates;
        if (_byId.Count > 0 && element.GetAttribute("id") is { Length: > 0 } id && _byId.TryGetValue(id, out var byId)) candidates |= byId;
        if (_byClass.Count > 0 && element.GetAttribute("class") is { Length: > 0 } classes)
        {
            foreach (var range in classes.AsSpan().SplitAny(" \t\n\f\r"))
                if (range.End.Value > range.Start.Value && _byClassSpan.TryGetValue(classes.AsSpan()[range], out var byClass)) candidates |= byClass;
        }
        foreach (var (attribute, selectors) in _byAttribute)
            if ((candidates & selectors) != selectors && element.HasAttribute(attribute)) candidates |= selectors;
        return candidates;
    }

    /// <summary>What an alternative requires, the more selective the higher: nothing, an attribute, a class, an id.</summary>
    private enum RequirementKind { None, Attribute, Class, Id }

    /// <summary>
    /// What each alternative of a selector requires of the element it matches, the most selective of its simple selectors:
    /// an exact id (also <c>[id=x]</c>), an exact class (also <c>[class~=x]</c>), else an attribute's presence, else nothing.
    /// Only a compound selector's own parts count: a combinator, or what a pseudo-class holds (<c>:not(.x)</c>), never does.
    /// </summary>
    private sealed class Requirements : ISelectorVisitor
    {
        private readonly List<(RequirementKind, string)> _alternatives = [];
        private (RequirementKind Kind, string Value) _best = (RequirementKind.None, "");

        public static IReadOnlyList<(RequirementKind Kind, string Value)> Of(ISelector selector)
        {
            var visitor = new Requirements();
            selector.Accept(visitor);
            if (visitor._alternatives.Count == 0) visitor._alternatives.Add(visitor._best);
            return visitor._alternatives;
        }

        public void List(IEnumerable<ISelector> selectors)
        {
            foreach (var alternative in selectors)
            {
                _best = (RequirementKind.None, "");
                alternative.Accept(this);
                _alternatives.Add(_best);
            }
        }

        public void Many(IEnumerable<ISelector> selectors)
        {
            foreach (var simple in selectors) simple.Accept(this);
        }

        public void Id(string value) => Consider(RequirementKind.Id, value);

        public void Class(string name) => Consider(RequirementKind.Class, name);

        public void Attribute(string name, string op, string? value)
        {
            if (name.Equals("id", StringComparison.OrdinalIgnoreCase) && op == "=" && value is { Length: > 0 }) Consider(RequirementKind.Id, value);
            else if (name.Equals("class", StringComparison.OrdinalIgnoreCase) && op == "~=" && value is { Length: > 0 } && !value.Any(char.IsWhiteSpace))
                Consider(RequirementKind.Class, value);
            else Consider(RequirementKind.Attribute, name);
        }

        public void Combinator(IEnumerable<ISelector> selectors, IEnumerable<string> symbols) { }

        public void Type(string name) { }

        public void Child(string name, int step, int offset, ISelector selector) { }

        public void PseudoClass(string name) { }

        public void PseudoElement(string name) { }

        private void Consider(RequirementKind kind, string value)
        {
            if (kind > _best.Kind) _best = (kind, value);
        }
    }
}
