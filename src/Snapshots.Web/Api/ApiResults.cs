using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Snapshots.Web.Http;

namespace Snapshots.Web.Api;

/// <summary>The JSON API's two answers: a cached JSON body (web naming), and a 404 problem naming what was not found.</summary>
internal static class ApiResults
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IResult Ok<T>(T value) =>
        new CachedContent(JsonSerializer.SerializeToUtf8Bytes(value, Json), "application/json; charset=utf-8", CachePolicies.Page);

    public static IResult NotFound(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status404NotFound);
}
