using Microsoft.Extensions.Configuration;

namespace Snapshots.Email;

/// <summary>Setting <c>Outbox:Path</c>: the folder that takes emails when no SendGrid API key is configured (default <c>outbox/</c> under the current directory).</summary>
public sealed record OutboxOptions(string Path)
{
    public const string Setting = "Outbox:Path";

    public static OutboxOptions From(IConfiguration configuration)
    {
        var path = configuration[Setting];
        return new OutboxOptions(System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(path) ? "outbox" : path));
    }
}
