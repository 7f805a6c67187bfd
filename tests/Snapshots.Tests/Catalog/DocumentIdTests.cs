using Snapshots.Catalog;

namespace Snapshots.Tests.Catalog;

public sealed class DocumentIdTests
{
    [Theory]
    [InlineData("Mistral AI", "mistral-ai")]
    [InlineData("  Terms of Service ", "terms-of-service")]
    [InlineData("Société Générale", "societe-generale")]
    [InlineData("DALL·E", "dall-e")]
    [InlineData("In-App Purchases Policy", "in-app-purchases-policy")]
    public void Slugs_are_lower_case_ascii_words_joined_by_dashes(string name, string slug) => Assert.Equal(slug, Slug.From(name));

    [Fact]
    public void Table_keys_are_derived_in_one_place_and_round_trip()
    {
        var id = DocumentId.Parse("mistral-ai/privacy-policy");
        Assert.Equal("mistral-ai", id.DocumentsPartitionKey);
        Assert.Equal("privacy-policy", id.DocumentsRowKey);
        Assert.Equal("mistral-ai~privacy-policy", id.VersionsPartitionKey);
        Assert.Equal(id, DocumentId.FromVersionsPartitionKey(id.VersionsPartitionKey));
        Assert.Equal("mistral-ai/privacy-policy/", id.BlobPrefix);
    }

    [Theory]
    [InlineData("")]
    [InlineData("mistral-ai")]
    [InlineData("mistral-ai/privacy-policy/extra")]
    [InlineData("Mistral AI/privacy-policy")]
    [InlineData("../etc/passwd")]
    public void Malformed_ids_are_refused(string value)
    {
        Assert.False(DocumentId.TryParse(value, out _));
        Assert.Throws<FormatException>(() => DocumentId.Parse(value));
    }
}
