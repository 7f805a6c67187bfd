using System.Text;
using Snapshots.Ledger;

namespace Snapshots.Tests.Ledger;

/// <summary>RFC 9162 hashing, proofs and their verification, against known answers and against each other for every small tree.</summary>
public sealed class MerkleTreeTests
{
    private static List<byte[]> Leaves(int n) => Enumerable.Range(0, n).Select(i => MerkleTree.LeafHash(Encoding.UTF8.GetBytes($"leaf {i}"))).ToList();

    [Fact]
    public void Hashes_are_RFC_9162_domain_separated()
    {
        // RFC 6962 / 9162 test vectors: the empty tree, and the leaf hash of the empty string.
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(MerkleTree.Root([], 0)));
        Assert.Equal("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", Convert.ToHexStringLower(MerkleTree.LeafHash([])));
        var leaves = Leaves(3);
        var expected = MerkleTree.NodeHash(MerkleTree.NodeHash(leaves[0], leaves[1]), leaves[2]);
        Assert.Equal(expected, MerkleTree.Root(leaves, 3));
        Assert.NotEqual(MerkleTree.LeafHash(MerkleTree.NodeHash(leaves[0], leaves[1])), MerkleTree.NodeHash(leaves[0], leaves[1]));
    }

    [Fact]
    public void Every_inclusion_proof_of_every_tree_up_to_33_leaves_verifies_and_a_changed_one_does_not()
    {
        var leaves = Leaves(33);
        for (var size = 1; size <= 33; size++)
        {
            var root = MerkleTree.Root(leaves, size);
            for (var index = 0; index < size; index++)
            {
                var path = MerkleTree.InclusionProof(leaves, index, size);
                Assert.True(MerkleTree.VerifyInclusion(leaves[index], index, size, path, root), $"leaf {index} of {size}");
                Assert.False(MerkleTree.VerifyInclusion(leaves[(index + 1) % 33], index, size, path, root), $"wrong leaf at {index} of {size}");
                if (path.Count > 0)
                {
                    var changed = path.Select((h, i) => i == path.Count - 1 ? MerkleTree.LeafHash(h) : h).ToList();
                    Assert.False(MerkleTree.VerifyInclusion(leaves[index], index, size, changed, root));
                }
            }
        }
    }

    [Fact]
    public void Every_consistency_proof_of_every_pair_of_sizes_up_to_33_verifies_and_a_changed_one_does_not()
    {
        var leaves = Leaves(33);
        for (var to = 1; to <= 33; to++)
            for (var from = 1; from <= to; from++)
            {
                var proof = MerkleTree.ConsistencyProof(leaves, from, to);
                var (first, second) = (MerkleTree.Root(leaves, from), MerkleTree.Root(leaves, to));
                Assert.True(MerkleTree.VerifyConsistency(from, to, proof, first, second), $"{from} to {to}");
                if (from < to) Assert.False(MerkleTree.VerifyConsistency(from, to, proof, MerkleTree.Root(Leaves(33).Select(h => MerkleTree.LeafHash(h)).ToList(), from), second));
                if (proof.Count > 0)
                    Assert.False(MerkleTree.VerifyConsistency(from, to, [.. proof.Take(proof.Count - 1), MerkleTree.LeafHash(proof[^1])], first, second));
            }
    }

    [Fact]
    public void A_proof_of_a_leaf_outside_the_tree_is_refused()
    {
        var leaves = Leaves(4);
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleTree.InclusionProof(leaves, 4, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleTree.Root(leaves, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleTree.ConsistencyProof(leaves, 3, 2));
    }
}
