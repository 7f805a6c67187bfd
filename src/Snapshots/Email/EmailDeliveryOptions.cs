using Microsoft.Extensions.Configuration;

namespace Snapshots.Email;

/// <summary>
/// Setting <c>Email:SendLease</c> (default 2 minutes): how long a claimed delivery is left to the attempt that claimed it
/// before another attempt may take it over. Keep it longer than one send, and shorter than the queue's retry span
/// (5 dequeues × the visibility timeout), so that a crashed attempt's message is still retried after the lease.
/// </summary>
public sealed record EmailDeliveryOptions(TimeSpan SendLease)
{
    public static readonly TimeSpan DefaultLease = TimeSpan.FromMinutes(2);

    public static EmailDeliveryOptions From(IConfiguration configuration) =>
        new(TimeSpan.TryParse(configuration["Email:SendLease"], System.Globalization.CultureInfo.InvariantCulture, out var lease) && lease > TimeSpan.Zero ? lease : DefaultLease);
}
