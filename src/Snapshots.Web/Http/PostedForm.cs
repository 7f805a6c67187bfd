using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Snapshots.Web.Pages;

namespace Snapshots.Web.Http;

/// <summary>
/// Reads a form post within the site's limits, far above what its forms send (an address, a plan, at most 25 platforms and 50
/// follows, two tokens) and far below what would cost the server: the body at most <see cref="MaxBodyBytes"/>, at most
/// <see cref="MaxFields"/> fields, names of at most <see cref="MaxKeyLength"/> and values of at most <see cref="MaxValueLength"/>
/// characters. A post past one is refused before anything is done with it: 413 with a page saying so (400 for a body that is
/// not a form at all). Kestrel's own body limit for the request is lowered to the same bound where the host allows it.
/// </summary>
public static class PostedForm
{
    public const long MaxBodyBytes = 256 * 1024;
    public const int MaxFields = 200;
    public const int MaxKeyLength = 64;
    public const int MaxValueLength = 16_384;

    public static readonly FormOptions Limits = new()
    {
        ValueCountLimit = MaxFields,
        KeyLengthLimit = MaxKeyLength,
        ValueLengthLimit = MaxValueLength,
        BufferBodyLengthLimit = MaxBodyBytes,
        MultipartBodyLengthLimit = MaxBodyBytes,
        MultipartHeadersCountLimit = 8,
        MultipartHeadersLengthLimit = 4096,
    };

    /// <summary>The form, or the page that refuses it (nothing was read past the limit).</summary>
    public static async Task<(IFormCollection? Form, IResult? Refusal)> ReadAsync(HttpContext context, PageTemplates templates, CancellationToken ct)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes) return (null, TooLarge(templates));
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = MaxBodyBytes;
        if (!request.HasFormContentType) return (null, NotAForm(templates));
        try
        {
            return (await request.ReadFormAsync(Limits, ct), null);
        }
        catch (InvalidDataException)
        {
            return (null, TooLarge(templates));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(templates));
        }
        catch (BadHttpRequestException)
        {
            return (null, NotAForm(templates));
        }
    }

    private static IResult TooLarge(PageTemplates templates) => Subscriptions.MessagePage.Result(templates, "This form is too large",
    [
        $"A form sent to this site may be at most {MaxBodyBytes / 1024} KB, with at most {MaxFields} fields of at most {MaxValueLength.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} characters each. Nothing was done with it.",
        "Go back, choose fewer platforms or shorten what you typed, and send it again.",
    ], StatusCodes.Status413PayloadTooLarge, "Back to the platforms", "/");

    private static IResult NotAForm(PageTemplates templates) => Subscriptions.MessagePage.Result(templates, "This form could not be read",
        ["What was sent is not a form this site reads, so nothing was done with it. Fill the form on the page and send it again."],
        StatusCodes.Status400BadRequest, "Back to the platforms", "/");
}
