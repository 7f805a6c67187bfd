using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Snapshots.Fetching;

/// <summary>
/// The resilience pipeline around each fetch request: a total timeout, then retries with jittered
/// exponential backoff on 408, 429 and 5xx (waiting what Retry-After asks, up to a limit) and on
/// connection failures, then a timeout per attempt. Refused addresses are never retried.
/// </summary>
internal static class FetchResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, FetchOptions options, TimeProvider time)
    {
        builder.AddTimeout(options.Timeout);
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, options, time)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { } response ? RetryAfterDelay.From(response, time.GetUtcNow()) : null),
            });
        }
        builder.AddTimeout(options.AttemptTimeout);
    }

    /// <summary>Statuses worth asking again: 408 Request Timeout, 429 Too Many Requests and every 5xx.</summary>
    public static bool IsTransientStatus(int status) => status is 408 or 429 or >= 500 and <= 599;

    /// <summary>True when a response asks to retry later than <see cref="FetchOptions.MaxRetryAfter"/> allows.</summary>
    public static bool AsksToWaitTooLong(HttpResponseMessage response, FetchOptions options, TimeProvider time) =>
        RetryAfterDelay.From(response, time.GetUtcNow()) > options.MaxRetryAfter;

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, FetchOptions options, TimeProvider time) => outcome switch
    {
        { Result: { } response } => IsTransientStatus((int)response.StatusCode) && !AsksToWaitTooLong(response, options, time),
        { Exception: TimeoutRejectedException } => true,
        { Exception: HttpRequestException e } => AddressRefusedException.FindIn(e) is null,
        _ => false,
    };
}
