namespace Snapshots.Web.Http;

/// <summary>The one stylesheet, embedded and served with its hash as ETag.</summary>
public static class SiteStyles
{
    private static readonly Lazy<byte[]> Css = new(() =>
    {
        using var stream = typeof(SiteStyles).Assembly.GetManifestResourceStream("Snapshots.Web.Templates.site.css")
                           ?? throw new InvalidOperationException("site.css is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static CachedContent Result => new(Css.Value, "text/css; charset=utf-8", "public, max-age=3600");
}
