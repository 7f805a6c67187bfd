using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Snapshots.Subscribers;

namespace Snapshots.Web.Http;

/// <summary>
/// CSRF protection for the forms, stateless so it holds across instances: a random value in a SameSite=Strict, HttpOnly cookie,
/// and in each form a token signed with the site's key (<see cref="SigningKey"/>) that names that value and expires in 2 hours.
/// A post passes only when the cookie and the token agree and the signature holds.
/// </summary>
public sealed class FormTokens(SigningKey key, TimeProvider clock)
{
    public const string CookieName = "snapshots-csrf";
    public const string FieldName = "csrf";
    private const string Purpose = "csrf";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    /// <summary>A token for a form on this response (setting the cookie when the visitor has none).</summary>
    public async Task<string> IssueAsync(HttpContext context)
    {
        var value = context.Request.Cookies[CookieName];
        if (value is not { Length: 32 } || !value.All(char.IsAsciiHexDigit))
        {
            value = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            context.Response.Cookies.Append(CookieName, value, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                Path = "/",
                MaxAge = Lifetime,
            });
        }
        return new SignedToken(Purpose, value, SignedToken.NewNonce(), clock.GetUtcNow().Add(Lifetime)).Sign(await key.GetAsync(context.RequestAborted));
    }

    public async Task<bool> ValidAsync(HttpContext context, IFormCollection form)
    {
        var cookie = context.Request.Cookies[CookieName];
        if (string.IsNullOrEmpty(cookie)) return false;
        var read = SignedToken.Read(form[FieldName].ToString(), Purpose, await key.GetAsync(context.RequestAborted), clock.GetUtcNow());
        return read is not null && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(read.Subject), System.Text.Encoding.ASCII.GetBytes(cookie));
    }
}
