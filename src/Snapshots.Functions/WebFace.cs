using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Snapshots.Web;

namespace Snapshots.Functions;

/// <summary>
/// HTTP trigger (anonymous: public pages, feeds, API and forms need no function key, and no key appears in any page): every
/// path goes to the web face's endpoints, the same ones <c>snapshots serve</c> maps, through <see cref="WebFacePipeline"/>.
/// host.json sets an empty route prefix, so the addresses are those of the local site (/platforms/…, /api/…, /subscribe).
/// </summary>
public sealed class WebFace(WebFacePipeline pipeline)
{
    [Function(nameof(WebFace))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "{*path}")] HttpRequest request)
    {
        await pipeline.HandleAsync(request.HttpContext);
        // The endpoint wrote the response (status, headers, body); nothing is added after it.
        return new EmptyResult();
    }
}
