using Microsoft.AspNetCore.Http;

namespace Snapshots.Web.Http;

/// <summary>
/// No error leaves without a body: an answer of 400 or more that an endpoint (or routing, or minimal-API binding: a 400 for a
/// value of the wrong kind, a 405 for a method) left empty is written here as a page saying what it means, a 404 with the nearest
/// page (<see cref="UnknownAddress"/>), and under <c>/api</c> as an RFC 9457 problem (<c>application/problem+json</c>).
/// </summary>
internal static class EmptyErrorAnswers
{
    public static async Task HandleAsync(HttpContext context, Func<Task> next)
    {
        await next();
        var response = context.Response;
        if (response.HasStarted || response.StatusCode < 400 || response.ContentLength is not null || response.ContentType is not null) return;
        if (response.StatusCode == StatusCodes.Status404NotFound) await UnknownAddress.AnswerAsync(context);
        else await FailureAnswers.WriteAsync(context, response.StatusCode, context.TraceIdentifier);
    }
}
