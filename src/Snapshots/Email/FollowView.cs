using Snapshots.Catalog;
using Snapshots.Subscribers;

namespace Snapshots.Email;

/// <summary>One follow as an email's templates read it: its name, what it is, and the absolute address of its page.</summary>
internal sealed record FollowView(string Name, string Detail, string Url)
{
    public static FollowView Of(FollowDescription follow, PublicSite site) => new(follow.Name, follow.Detail, site.Url(follow.Path).AbsoluteUri);
}
