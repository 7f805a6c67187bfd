using Snapshots.Messaging;
using Snapshots.Storage;

namespace Snapshots.Email;

/// <summary>The registered kinds of email, found by name (see <see cref="IEmailKind"/>).</summary>
public sealed class EmailKinds
{
    private readonly IReadOnlyList<IEmailKind> _kinds;

    internal EmailKinds(IEnumerable<IEmailKind> kinds)
    {
        _kinds = kinds.ToList();
        var twice = _kinds.GroupBy(k => k.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new InvalidOperationException($"two email kinds are named '{twice.Key}'");
    }

    /// <summary>The names of the kinds, in the order they were registered.</summary>
    public IReadOnlyList<string> Names => _kinds.Select(k => k.Name).ToList();

    /// <summary>The kind named <paramref name="name"/>; an unknown name is a malformed message on the emails queue, which names the kinds there are.</summary>
    internal IEmailKind Find(string? name) =>
        _kinds.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.Ordinal))
        ?? throw new MalformedMessageException(QueueNames.Emails,
            $"EmailRequest kind '{name}' is not one of {string.Join(", ", _kinds.Select(k => $"'{k.Name}'"))}");
}
