using System.Net.Http.Headers;

namespace Snapshots.Fetching;

/// <summary>The wait a Retry-After header asks for, as delta-seconds or as an HTTP date.</summary>
internal static class RetryAfterDelay
{
    /// <summary>The delay asked for by <paramref name="header"/> as seen at <paramref name="now"/>; null when there is no header. A date in the past is zero.</summary>
    public static TimeSpan? From(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header is null) return null;
        if (header.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header.Date is { } date) return date > now ? date - now : TimeSpan.Zero;
        return null;
    }

    /// <summary>The delay asked for by a response's Retry-After header, or null.</summary>
    public static TimeSpan? From(HttpResponseMessage response, DateTimeOffset now) => From(response.Headers.RetryAfter, now);
}
