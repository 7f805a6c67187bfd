using System.Net.Http.Headers;
using Snapshots.Fetching;

namespace Snapshots.Tests.Fetching;

public sealed class RetryAfterDelayTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Reads_delta_seconds() =>
        Assert.Equal(TimeSpan.FromSeconds(7), RetryAfterDelay.From(RetryConditionHeaderValue.Parse("7"), Now));

    [Fact]
    public void Reads_an_http_date_relative_to_now() =>
        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfterDelay.From(RetryConditionHeaderValue.Parse("Sat, 01 Mar 2025 12:01:30 GMT"), Now));

    [Fact]
    public void A_date_in_the_past_means_no_wait() =>
        Assert.Equal(TimeSpan.Zero, RetryAfterDelay.From(RetryConditionHeaderValue.Parse("Sat, 01 Mar 2025 11:00:00 GMT"), Now));

    [Fact]
    public void No_header_means_no_delay() => Assert.Null(RetryAfterDelay.From((RetryConditionHeaderValue?)null, Now));

    [Fact]
    public void Reads_the_header_of_a_response()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "120");
        Assert.Equal(TimeSpan.FromMinutes(2), RetryAfterDelay.From(response, Now));
    }
}
