using Snapshots.Text;

namespace Snapshots.Subscribers;

/// <summary>
/// A subscriber's email address, normalised: surrounding spaces trimmed, the domain lower-cased, the local part kept as typed
/// (it is what emails are sent to). Two addresses that differ only in case are one person: they are equal, and
/// <see cref="Id"/> (the table key) is the SHA-256 of the address lower-cased. <see cref="Masked"/> is the only form fit for logs.
/// <see cref="ToString"/> returns the masked form, so an address interpolated into a log line never appears in full.
/// </summary>
public sealed class EmailAddress : IEquatable<EmailAddress>
{
    public const int MaxLength = 254;
    public const int MaxLocalPartLength = 64;
    private const string ForbiddenInLocalPart = "()<>[]\\,;:\"@";

    private EmailAddress(string localPart, string domain)
    {
        LocalPart = localPart;
        Domain = domain;
        Value = $"{localPart}@{domain}";
        Id = Sha256Hex.Of(Value.ToLowerInvariant());
        LegacyId = Sha256Hex.Of(Value);
    }

    /// <summary>The normalised address, e.g. <c>Jane.Doe@example.com</c>. For storage and sending, never for logs.</summary>
    public string Value { get; }

    public string LocalPart { get; }

    public string Domain { get; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Value"/> lower-cased: the subscriber id.</summary>
    public string Id { get; }

    /// <summary>The id a profile got before addresses were compared case-insensitively: SHA-256 of <see cref="Value"/> as typed.</summary>
    public string LegacyId { get; }

    /// <summary>First character of the local part, then <c>***</c>: <c>j***@example.com</c>.</summary>
    public string Masked => $"{LocalPart[..(char.IsHighSurrogate(LocalPart[0]) && LocalPart.Length > 1 ? 2 : 1)]}***@{Domain}";

    public static EmailAddress Parse(string? text) =>
        TryParse(text, out var address, out var problem) ? address : throw new InvalidEmailAddressException(text ?? "", problem);

    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EmailAddress? address, out string problem)
    {
        address = null;
        problem = Problem(text?.Trim() ?? "");
        if (problem.Length > 0) return false;
        var trimmed = text!.Trim();
        var at = trimmed.LastIndexOf('@');
        address = new EmailAddress(trimmed[..at], trimmed[(at + 1)..].ToLowerInvariant());
        return true;
    }

    /// <summary>True for a 64-character lower-case hex string: what a subscriber id looks like.</summary>
    public static bool IsSubscriberId(string? text) =>
        text is { Length: 64 } && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static string Problem(string text)
    {
        if (text.Length == 0) return "it is empty";
        if (text.Length > MaxLength) return $"it is longer than {MaxLength} characters";
        if (text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))) return "it contains a space or a control character";
        var at = text.IndexOf('@');
        if (at < 0) return "it has no '@'";
        if (text.IndexOf('@', at + 1) >= 0) return "it has more than one '@'";
        var local = text[..at];
        var domain = text[(at + 1)..];
        if (local.Length == 0) return "nothing comes before the '@'";
        if (local.Length > MaxLocalPartLength) return $"the part before the '@' is longer than {MaxLocalPartLength} characters";
        if (local.IndexOfAny(ForbiddenInLocalPart.ToCharArray()) >= 0) return $"the part before the '@' contains one of {ForbiddenInLocalPart}";
        if (local.StartsWith('.') || local.EndsWith('.') || local.Contains("..")) return "the part before the '@' starts or ends with a dot, or has two dots in a row";
        if (domain.Length == 0) return "nothing comes after the '@'";
        var labels = domain.Split('.');
        if (labels.Length < 2) return $"the domain '{domain}' has no dot";
        foreach (var label in labels)
        {
            if (label.Length == 0) return $"the domain '{domain}' has an empty label";
            if (label.Length > 63) return $"the domain '{domain}' has a label longer than 63 characters";
            if (!label.All(c => char.IsLetterOrDigit(c) || c == '-')) return $"the domain '{domain}' may only contain letters, digits, hyphens and dots";
            if (label.StartsWith('-') || label.EndsWith('-')) return $"a label of the domain '{domain}' starts or ends with a hyphen";
        }
        if (labels[^1].All(char.IsAsciiDigit)) return $"the domain '{domain}' ends in a number, not a top-level domain";
        return "";
    }

    public bool Equals(EmailAddress? other) => other is not null && string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => Equals(obj as EmailAddress);

    public override int GetHashCode() => Value.GetHashCode(StringComparison.OrdinalIgnoreCase);

    /// <summary>The masked form (see <see cref="Masked"/>): safe in logs and exception messages.</summary>
    public override string ToString() => Masked;
}
