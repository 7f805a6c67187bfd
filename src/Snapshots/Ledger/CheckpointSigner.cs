using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Snapshots.Ledger;

/// <summary>
/// Signs and checks checkpoints with the log's Ed25519 key (<see cref="LogOptions.SigningKey"/>) in the C2SP signed-note format:
/// the note's text, a blank line, then <c>— {name} base64(key id (4 bytes) || signature (64 bytes))</c>, where the key id is the
/// first 4 bytes of SHA-256(name || '\n' || 0x01 || public key) and the signature is over the note's text as it stands.
/// </summary>
public sealed class CheckpointSigner
{
    private readonly Ed25519PrivateKeyParameters? _key;

    public CheckpointSigner(IOptions<LogOptions> options)
    {
        Origin = options.Value.Origin;
        var configured = options.Value.SigningKey;
        if (string.IsNullOrWhiteSpace(configured)) return;
        byte[] seed;
        try { seed = Convert.FromBase64String(configured.Trim()); }
        catch (FormatException) { throw new InvalidOperationException("Log__SigningKey is not base64: expected the base64 of a 32-byte Ed25519 seed"); }
        if (seed.Length != 32) throw new InvalidOperationException($"Log__SigningKey holds {seed.Length} bytes: expected the base64 of a 32-byte Ed25519 seed");
        _key = new Ed25519PrivateKeyParameters(seed);
        PublicKey = _key.GeneratePublicKey().GetEncoded();
    }

    public string Origin { get; }

    /// <summary>False when no key is configured: no checkpoint can be signed.</summary>
    public bool CanSign => _key is not null;

    /// <summary>The raw 32-byte Ed25519 public key; null without a key.</summary>
    public byte[]? PublicKey { get; }

    /// <summary>The public key as PEM (SubjectPublicKeyInfo), what <c>openssl pkeyutl -verify -pubin</c> reads.</summary>
    public string? PublicKeyPem => PublicKey is null ? null : PemOf(PublicKey);

    /// <summary>A new random key: the base64 of a 32-byte seed, as <c>Log__SigningKey</c> takes it.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string PemOf(byte[] publicKey)
    {
        // SubjectPublicKeyInfo for Ed25519 (RFC 8410): SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING key }.
        byte[] prefix = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];
        return PemEncoding.WriteString("PUBLIC KEY", [.. prefix, .. publicKey]) + "\n";
    }

    public static byte[] KeyId(string name, byte[] publicKey) =>
        SHA256.HashData([.. Encoding.UTF8.GetBytes(name), (byte)'\n', 0x01, .. publicKey])[..4];

    /// <summary>The signed note of <paramref name="body"/> (which ends with a newline).</summary>
    public string Sign(string body)
    {
        if (_key is null) throw new InvalidOperationException($"checkpoints cannot be signed: {LogOptions.MissingKey}");
        var signer = new Ed25519Signer();
        signer.Init(true, _key);
        var bytes = Encoding.UTF8.GetBytes(body);
        signer.BlockUpdate(bytes, 0, bytes.Length);
        var signature = signer.GenerateSignature();
        return $"{body}\n\u2014 {Origin} {Convert.ToBase64String([.. KeyId(Origin, PublicKey!), .. signature])}\n";
    }

    /// <summary>True when the note carries a good signature by <paramref name="publicKey"/> under <paramref name="name"/>.</summary>
    public static bool Verify(SignedNote note, string name, byte[] publicKey)
    {
        var keyId = KeyId(name, publicKey);
        foreach (var line in note.Signatures)
        {
            if (line.Name != name || !line.KeyId.AsSpan().SequenceEqual(keyId)) continue;
            var verifier = new Ed25519Signer();
            verifier.Init(false, new Ed25519PublicKeyParameters(publicKey));
            var bytes = Encoding.UTF8.GetBytes(note.Body);
            verifier.BlockUpdate(bytes, 0, bytes.Length);
            if (verifier.VerifySignature(line.Signature)) return true;
        }
        return false;
    }
}
