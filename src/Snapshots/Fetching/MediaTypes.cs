namespace Snapshots.Fetching;

/// <summary>The content types Snapshots can extract a document from.</summary>
public static class MediaTypes
{
    public const string Html = "text/html";
    public const string Xhtml = "application/xhtml+xml";
    public const string PlainText = "text/plain";
    public const string Pdf = "application/pdf";

    public static bool IsSupported(string mediaType) => mediaType is Html or Xhtml or PlainText or Pdf;

    public static string ExtensionOf(string mediaType) => mediaType switch
    {
        Html or Xhtml => "html",
        PlainText => "txt",
        Pdf => "pdf",
        _ => "bin",
    };

    public static string FromExtension(string extension) => extension.TrimStart('.').ToLowerInvariant() switch
    {
        "html" or "htm" => Html,
        "xhtml" => Xhtml,
        "txt" or "md" => PlainText,
        "pdf" => Pdf,
        _ => throw new ArgumentException($"no supported media type for the extension '{extension}'", nameof(extension)),
    };
}
