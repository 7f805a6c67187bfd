namespace Snapshots.Subscribers;

/// <summary>What a sign-up request led to; the web form answers the same words whichever it is.</summary>
public enum SignUpAction
{
    /// <summary>A confirmation email with the single-use link is due.</summary>
    Confirm,
    /// <summary>The address is already an active subscriber: an email with their manage link is due.</summary>
    SendManageLink,
    /// <summary>Too many requests for this address: nothing is sent.</summary>
    RateLimited,
    /// <summary>
    /// The address unsubscribed: nothing is sent and nothing changes, whoever typed it into the form. Only its owner brings it
    /// back, through a signed link from an email it received (<see cref="SubscriberDirectory.ResumeAsync"/>).
    /// </summary>
    Suppressed,
}

public sealed record SignUpRequest(SignUpAction Action, string SubscriberId, string? Nonce);
