using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Snapshots.Catalog;
using Snapshots.Ledger;

namespace Snapshots.Web.Feeds;

/// <summary>
/// <c>/log/checkpoints.atom</c>: the transparency log's signed checkpoints, newest first (at most <see cref="MaxEntries"/>), each
/// entry's summary the signed note itself and its link the checkpoint's permanent address (<c>/log/checkpoints/{size}</c>), so a
/// feed reader keeps an independent copy of every root the log published.
/// </summary>
public static class CheckpointFeed
{
    public const int MaxEntries = 100;
    public const string Path = "/log/checkpoints.atom";

    public static async Task<IResult> HandleAsync(TransparencyLog log, PublicSite site, ILoggerFactory loggers, CancellationToken ct)
    {
        var checkpoints = (await log.CheckpointsAsync(ct)).OrderByDescending(c => c.Size).Take(MaxEntries).ToList();
        var logger = loggers.CreateLogger(AtomFeed.LogCategory);
        return AtomFeed.Result(site, "Snapshots: transparency log checkpoints", "Signed checkpoints of the Snapshots transparency log (RFC 9162 Merkle tree).",
            Path, "/log/checkpoint",
            AtomFeed.Entries(checkpoints, c =>
            {
                var link = site.Url($"/log/checkpoints/{c.Size}");
                return AtomFeed.Entry($"Checkpoint {c.Size}: root {Convert.ToHexStringLower(c.Root)}{(c.Token is null ? "" : " (timestamped)")}", c.Note, link, link.AbsoluteUri,
                    c.Time, ["checkpoint"]);
            }, c => $"checkpoint {c.Size}", logger), logger);
    }
}
