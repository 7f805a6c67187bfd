using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Snapshots.Storage;

namespace Snapshots.Subscribers;

/// <summary>
/// The HMAC key that signs subscriber links and form tokens: <c>Web:SigningKey</c> (base64, at least 32 bytes; in Azure a Key
/// Vault reference). Without it, a random key is made once and kept in the storage account's <c>subscribers</c> table, so every
/// local process (serve, run, the CLI) signs and checks with the same key and nothing secret sits in the repository.
/// </summary>
public sealed class SigningKey(string? configured, StorageClients storage)
{
    public const string Setting = "Web:SigningKey";
    private const string Partition = "settings";
    private const string Row = "signing-key";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _key;

    public async Task<byte[]> GetAsync(CancellationToken ct = default)
    {
        if (_key is not null) return _key;
        await _gate.WaitAsync(ct);
        try { return _key ??= Configured() ?? await StoredAsync(ct); }
        finally { _gate.Release(); }
    }

    private byte[]? Configured()
    {
        var text = configured;
        if (string.IsNullOrWhiteSpace(text)) return null;
        byte[] key;
        try { key = Convert.FromBase64String(text.Trim()); }
        catch (FormatException) { throw new InvalidOperationException($"{Setting} is not base64: make one with `openssl rand -base64 32`"); }
        return key.Length >= 32 ? key : throw new InvalidOperationException($"{Setting} has {key.Length} bytes; it needs at least 32 (openssl rand -base64 32)");
    }

    private async Task<byte[]> StoredAsync(CancellationToken ct)
    {
        var table = storage.Subscribers;
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: ct);
        if (existing.HasValue) return existing.Value!.GetBinary("Key");
        var made = RandomNumberGenerator.GetBytes(32);
        try
        {
            await table.AddEntityAsync(new TableEntity(Partition, Row) { ["Key"] = made }, ct);
            return made;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return (await table.GetEntityAsync<TableEntity>(Partition, Row, cancellationToken: ct)).Value.GetBinary("Key");
        }
    }
}
