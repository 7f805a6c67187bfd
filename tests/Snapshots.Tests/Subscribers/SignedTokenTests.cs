using System.Security.Cryptography;
using Snapshots.Subscribers;

namespace Snapshots.Tests.Subscribers;

public sealed class SignedTokenTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_token_reads_back_with_its_key_and_purpose_before_it_expires()
    {
        var token = new SignedToken("manage", "abc", "n1", Now.AddDays(7)).Sign(Key);

        var read = SignedToken.Read(token, "manage", Key, Now);

        Assert.Equal(new SignedToken("manage", "abc", "n1", Now.AddDays(7)), read);
    }

    [Fact]
    public void Another_purpose_another_key_an_expired_or_altered_token_reads_as_nothing()
    {
        var token = new SignedToken("manage", "abc", "n1", Now.AddDays(7)).Sign(Key);

        Assert.Null(SignedToken.Read(token, "confirm", Key, Now));
        Assert.Null(SignedToken.Read(token, "manage", RandomNumberGenerator.GetBytes(32), Now));
        Assert.Null(SignedToken.Read(token, "manage", Key, Now.AddDays(7)));
        var forged = new SignedToken("manage", "someone-else", "n1", Now.AddDays(7)).Sign(RandomNumberGenerator.GetBytes(32));
        Assert.Null(SignedToken.Read(forged.Split('.')[0] + "." + token.Split('.')[1], "manage", Key, Now));
        Assert.Null(SignedToken.Read("not a token", "manage", Key, Now));
        Assert.Null(SignedToken.Read("", "manage", Key, Now));
    }
}
