using System.Security.Cryptography;

namespace Snapshots.Ledger;

/// <summary>
/// RFC 9162 (Certificate Transparency 2.0) Merkle tree hashing over leaf hashes: a leaf is SHA-256(0x00 || data), a node
/// SHA-256(0x01 || left || right), the tree of n leaves splits at the largest power of two below n. Inclusion and consistency
/// proofs as in RFC 9162 section 2.1.3 and 2.1.4, and their verification (section 2.1.3.2 and 2.1.4.2).
/// </summary>
public static class MerkleTree
{
    public static byte[] LeafHash(ReadOnlySpan<byte> data)
    {
        var buffer = new byte[data.Length + 1];
        data.CopyTo(buffer.AsSpan(1));
        return SHA256.HashData(buffer);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[65];
        buffer[0] = 1;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[33..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>The hash of the empty tree: SHA-256 of nothing.</summary>
    public static byte[] EmptyRoot => SHA256.HashData([]);

    /// <summary>The root of the first <paramref name="size"/> leaves.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leaves, long size)
    {
        Check(leaves, size);
        return size == 0 ? EmptyRoot : Subtree(leaves, 0, size);
    }

    /// <summary>The audit path of leaf <paramref name="index"/> in the tree of the first <paramref name="size"/> leaves.</summary>
    public static IReadOnlyList<byte[]> InclusionProof(IReadOnlyList<byte[]> leaves, long index, long size)
    {
        Check(leaves, size);
        if (index < 0 || index >= size) throw new ArgumentOutOfRangeException(nameof(index), $"leaf {index} is not in a tree of size {size}");
        var path = new List<byte[]>();
        Path(leaves, index, 0, size, path);
        return path;
    }

    /// <summary>The consistency proof from the tree of size <paramref name="from"/> to the tree of size <paramref name="to"/>.</summary>
    public static IReadOnlyList<byte[]> ConsistencyProof(IReadOnlyList<byte[]> leaves, long from, long to)
    {
        Check(leaves, to);
        if (from < 0 || from > to) throw new ArgumentOutOfRangeException(nameof(from), $"size {from} is not between 0 and {to}");
        var proof = new List<byte[]>();
        if (from == 0 || from == to) return proof;
        SubProof(leaves, from, 0, to, true, proof);
        return proof;
    }

    /// <summary>RFC 9162 2.1.3.2: true when <paramref name="path"/> leads from the leaf hash to <paramref name="root"/>.</summary>
    public static bool VerifyInclusion(byte[] leafHash, long index, long size, IReadOnlyList<byte[]> path, byte[] root)
    {
        if (index < 0 || index >= size) return false;
        long fn = index, sn = size - 1;
        var r = leafHash;
        foreach (var p in path)
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                if ((fn & 1) == 0)
                    while ((fn & 1) == 0 && fn != 0) { fn >>= 1; sn >>= 1; }
            }
            else
            {
                r = NodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>RFC 9162 2.1.4.2: true when <paramref name="proof"/> shows the tree of <paramref name="from"/> leaves is a prefix of the tree of <paramref name="to"/>.</summary>
    public static bool VerifyConsistency(long from, long to, IReadOnlyList<byte[]> proof, byte[] firstRoot, byte[] secondRoot)
    {
        if (from < 0 || from > to) return false;
        if (from == to) return proof.Count == 0 && firstRoot.AsSpan().SequenceEqual(secondRoot);
        if (from == 0) return proof.Count == 0;
        if (proof.Count == 0) return false;
        var path = proof.ToList();
        if (IsPowerOfTwo(from)) path.Insert(0, firstRoot);
        long fn = from - 1, sn = to - 1;
        while ((fn & 1) == 1) { fn >>= 1; sn >>= 1; }
        byte[] fr = path[0], sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                if ((fn & 1) == 0)
                    while ((fn & 1) == 0 && fn != 0) { fn >>= 1; sn >>= 1; }
            }
            else
            {
                sr = NodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && fr.AsSpan().SequenceEqual(firstRoot) && sr.AsSpan().SequenceEqual(secondRoot);
    }

    private static byte[] Subtree(IReadOnlyList<byte[]> leaves, long start, long count)
    {
        if (count == 1) return leaves[(int)start];
        var k = SplitOf(count);
        return NodeHash(Subtree(leaves, start, k), Subtree(leaves, start + k, count - k));
    }

    private static void Path(IReadOnlyList<byte[]> leaves, long index, long start, long count, List<byte[]> path)
    {
        if (count == 1) return;
        var k = SplitOf(count);
        if (index < k)
        {
            Path(leaves, index, start, k, path);
            path.Add(Subtree(leaves, start + k, count - k));
        }
        else
        {
            Path(leaves, index - k, start + k, count - k, path);
            path.Add(Subtree(leaves, start, k));
        }
    }

    private static void SubProof(IReadOnlyList<byte[]> leaves, long m, long start, long count, bool whole, List<byte[]> proof)
    {
        if (m == count)
        {
            if (!whole) proof.Add(Subtree(leaves, start, count));
            return;
        }
        var k = SplitOf(count);
        if (m <= k)
        {
            SubProof(leaves, m, start, k, whole, proof);
            proof.Add(Subtree(leaves, start + k, count - k));
        }
        else
        {
            SubProof(leaves, m - k, start + k, count - k, false, proof);
            proof.Add(Subtree(leaves, start, k));
        }
    }

    /// <summary>The largest power of two smaller than <paramref name="n"/> (n &gt; 1).</summary>
    private static long SplitOf(long n)
    {
        long k = 1;
        while (k << 1 < n) k <<= 1;
        return k;
    }

    private static bool IsPowerOfTwo(long n) => n > 0 && (n & (n - 1)) == 0;

    private static void Check(IReadOnlyList<byte[]> leaves, long size)
    {
        if (size < 0 || size > leaves.Count) throw new ArgumentOutOfRangeException(nameof(size), $"size {size} is not between 0 and the {leaves.Count} leaves");
    }
}
