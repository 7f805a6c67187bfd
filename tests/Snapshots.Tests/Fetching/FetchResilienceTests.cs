using Snapshots.Fetching;

namespace Snapshots.Tests.Fetching;

public sealed class FetchResilienceTests
{
    [Theory]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(599, true)]
    [InlineData(400, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(200, false)]
    public void Retries_only_transient_statuses(int status, bool transient) =>
        Assert.Equal(transient, FetchResilience.IsTransientStatus(status));

    [Theory]
    [InlineData("20", false)]
    [InlineData("21", true)]
    public void A_retry_after_longer_than_the_limit_is_too_long(string retryAfter, bool tooLong)
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable);
        response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        var options = new FetchOptions { MaxRetryAfter = TimeSpan.FromSeconds(20) };
        Assert.Equal(tooLong, FetchResilience.AsksToWaitTooLong(response, options, TimeProvider.System));
    }
}
