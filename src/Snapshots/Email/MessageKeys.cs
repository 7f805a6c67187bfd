using Snapshots.Messaging;
using Snapshots.Storage;

namespace Snapshots.Email;

/// <summary>
/// Every message key is <c>{kind}:{what makes the email one of a kind}</c>, e.g. <c>alert:{documentId}:{sha256}</c> or
/// <c>digest:{isoWeek}</c>; each <see cref="IEmailKind"/> says what follows its name.
/// </summary>
internal static class MessageKeys
{
    public static string Of(string kind, string rest) => $"{kind}:{rest}";

    /// <summary>What follows <c>{kind}:</c> in a key that <see cref="RequireKind"/> accepted.</summary>
    public static string RestOf(string messageKey, string kind) => messageKey[(kind.Length + 1)..];

    /// <summary>Throws <see cref="MalformedMessageException"/> unless the request's message key starts with <c>{kind}:</c>.</summary>
    public static void RequireKind(EmailRequest request, string kind)
    {
        if (string.IsNullOrWhiteSpace(request.MessageKey) || !request.MessageKey.StartsWith(kind + ":", StringComparison.Ordinal))
            throw new MalformedMessageException(QueueNames.Emails, $"EmailRequest message key '{request.MessageKey}' does not start with '{kind}:'");
    }
}
