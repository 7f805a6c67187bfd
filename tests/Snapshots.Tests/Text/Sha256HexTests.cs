using System.Security.Cryptography;
using System.Text;
using Snapshots.Text;

namespace Snapshots.Tests.Text;

public class Sha256HexTests
{
    /// <summary>A long text is hashed piece by piece: the hash is the hash of its whole UTF-8 encoding, wherever the pieces end.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(Sha256Hex.PieceChars - 1)]
    [InlineData(Sha256Hex.PieceChars)]
    [InlineData(Sha256Hex.PieceChars + 1)]
    [InlineData(3 * Sha256Hex.PieceChars + 17)]
    [InlineData(200_000)]
    public void LongTextHashesAsItsWholeUtf8Encoding(int length)
    {
        var random = new Random(length);
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            switch (random.Next(6))
            {
                case 0: text.Append("😀"); break;          // a surrogate pair: some fall across a piece boundary
                case 1: text.Append('\uD800'); break;       // a lone high surrogate (encoded as U+FFFD)
                case 2: text.Append('\uDC00'); break;       // a lone low surrogate
                case 3: text.Append('é'); break;
                case 4: text.Append('漢'); break;
                default: text.Append((char)random.Next(32, 127)); break;
            }
        }
        var s = text.ToString(0, length); // may cut a pair at the very end: a lone high surrogate
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
        Assert.Equal(expected, Sha256Hex.Of(s));
        // A slice of a longer text (a provision of a version) hashes as the slice's own text.
        Assert.Equal(expected, Sha256Hex.Of(("«" + s + "»").AsSpan(1, length)));
    }

    /// <summary>A surrogate pair exactly across the first piece boundary is one character, not two replacement characters.</summary>
    [Fact]
    public void PairAcrossThePieceBoundaryIsOneCharacter()
    {
        var s = new string('a', Sha256Hex.PieceChars - 1) + "😀" + new string('b', 10);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s))), Sha256Hex.Of(s));
        Assert.NotEqual(Sha256Hex.Of(s.Replace("😀", "\uFFFD\uFFFD")), Sha256Hex.Of(s));
    }
}
