namespace Snapshots.Tests.Changes;

/// <summary>Small privacy-policy style documents shared by the change tests.</summary>
internal static class Documents
{
    public const string Policy = """
        # Privacy Policy

        Example Inc. explains how it handles your information.

        ## Information we collect

        We collect your name and email address when you sign up.

        ## Data retention

        We keep your data for 30 days after you close your account.

        ## Governing law

        These terms are governed by the laws of Ireland.
        """;

    public static string Replace(string text, string from, string to)
    {
        Assert.Contains(from, text);
        return text.Replace(from, to);
    }
}
