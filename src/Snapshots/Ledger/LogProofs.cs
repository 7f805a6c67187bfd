using System.Text;

namespace Snapshots.Ledger;

/// <summary>An RFC 9162 inclusion proof of one leaf in the tree of <see cref="TreeSize"/> leaves (hashes hex).</summary>
public sealed record InclusionProof(long LeafIndex, long TreeSize, string Leaf, string LeafHash, IReadOnlyList<string> AuditPath, string RootHash);

/// <summary>An RFC 9162 consistency proof from the tree of <see cref="First"/> leaves to the tree of <see cref="Second"/> (hashes hex).</summary>
public sealed record ConsistencyProof(long First, long Second, IReadOnlyList<string> Proof, string FirstRoot, string SecondRoot);

/// <summary>A proof or range that cannot be given: <see cref="NotFound"/> for what the log does not hold, else the request was wrong.</summary>
public sealed class LogQueryException(string message, bool notFound) : Exception(message)
{
    public bool NotFound { get; } = notFound;
}

/// <summary>Inclusion and consistency proofs and leaf ranges, computed from the stored leaves (each leaf hash recomputed from its data).</summary>
public sealed class LogProofs(TransparencyLog log)
{
    public async Task<InclusionProof> InclusionAsync(long index, long size, CancellationToken ct = default)
    {
        var hashes = await HashesAsync(size, ct);
        if (index < 0) throw new LogQueryException($"leaf {index} is not a leaf index: expected 0 or more", false);
        if (index >= size) throw new LogQueryException($"leaf {index} is not in the tree of size {size}", true);
        return Inclusion(hashes, (await log.LeavesAsync(index, index + 1, ct)).Single(), size);
    }

    public async Task<InclusionProof> InclusionByHashAsync(string leafHash, long size, CancellationToken ct = default)
    {
        if (leafHash.Length != 64 || !leafHash.All(Uri.IsHexDigit)) throw new LogQueryException("hash is not a SHA-256 leaf hash: expected 64 hex digits", false);
        var hashes = await HashesAsync(size, ct);
        var wanted = Convert.FromHexString(leafHash);
        for (var i = 0; i < hashes.Count; i++)
            if (hashes[i].AsSpan().SequenceEqual(wanted)) return Inclusion(hashes, (await log.LeavesAsync(i, i + 1, ct)).Single(), size);
        throw new LogQueryException($"no leaf with hash {leafHash.ToLowerInvariant()} is in the tree of size {size}", true);
    }

    /// <summary>Proofs for several leaves against one tree, reading the leaves once.</summary>
    public async Task<IReadOnlyList<InclusionProof>> InclusionsAsync(IEnumerable<StoredLeaf> leaves, long size, CancellationToken ct = default)
    {
        var hashes = await HashesAsync(size, ct);
        return leaves.Select(leaf => Inclusion(hashes, leaf, size)).ToList();
    }

    public async Task<ConsistencyProof> ConsistencyAsync(long from, long to, CancellationToken ct = default)
    {
        if (from < 1 || from > to) throw new LogQueryException($"from={from}, to={to}: expected 1 <= from <= to", false);
        var hashes = await HashesAsync(to, ct);
        return new ConsistencyProof(from, to, MerkleTree.ConsistencyProof(hashes, from, to).Select(Hex).ToList(),
            Hex(MerkleTree.Root(hashes, from)), Hex(MerkleTree.Root(hashes, to)));
    }

    private async Task<IReadOnlyList<byte[]>> HashesAsync(long size, CancellationToken ct)
    {
        if (size < 1) throw new LogQueryException($"size {size} is not a tree size: expected 1 or more", false);
        var current = await log.SizeAsync(ct);
        if (size > current) throw new LogQueryException($"the log has {current} leaves, not {size}", true);
        return await log.LeafHashesAsync(size, ct) ?? throw new LogQueryException($"a leaf of the first {size} is missing from storage", true);
    }

    private static InclusionProof Inclusion(IReadOnlyList<byte[]> hashes, StoredLeaf leaf, long size) =>
        new(leaf.Index, size, leaf.Data, Hex(MerkleTree.LeafHash(Encoding.UTF8.GetBytes(leaf.Data))),
            MerkleTree.InclusionProof(hashes, leaf.Index, size).Select(Hex).ToList(), Hex(MerkleTree.Root(hashes, size)));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
