using Snapshots.Text;
using Snapshots.Subscribers;

namespace Snapshots.Tests.Subscribers;

public sealed class EmailAddressTests
{
    [Fact]
    public void Normalising_trims_and_lower_cases_the_domain_but_keeps_the_local_part()
    {
        var address = EmailAddress.Parse("  Jane.Doe@Example.COM \t");

        Assert.Equal("Jane.Doe@example.com", address.Value);
        Assert.Equal("Jane.Doe", address.LocalPart);
        Assert.Equal("example.com", address.Domain);
    }

    [Fact]
    public void The_id_is_the_sha256_of_the_address_lower_cased_so_one_person_is_one_subscriber_whatever_the_case()
    {
        var address = EmailAddress.Parse("Jane.Doe@EXAMPLE.com");

        Assert.Equal(Sha256Hex.Of("jane.doe@example.com"), address.Id);
        Assert.Equal("Jane.Doe@example.com", address.Value);
        Assert.Equal(Sha256Hex.Of("Jane.Doe@example.com"), address.LegacyId);
        Assert.Equal(address.Id, EmailAddress.Parse(" Jane.Doe@example.COM").Id);
        Assert.Equal(address.Id, EmailAddress.Parse("jane.doe@example.com").Id);
        Assert.Equal(address, EmailAddress.Parse("JANE.DOE@example.com"));
        Assert.True(EmailAddress.IsSubscriberId(address.Id));
        Assert.False(EmailAddress.IsSubscriberId("jane@example.com"));
    }

    [Theory]
    [InlineData("jane@example.com", "j***@example.com")]
    [InlineData("J@Example.org", "J***@example.org")]
    [InlineData("x.y+tag@mail.example.co.uk", "x***@mail.example.co.uk")]
    public void Masked_form_keeps_one_character_and_the_domain(string text, string masked)
    {
        var address = EmailAddress.Parse(text);

        Assert.Equal(masked, address.Masked);
        Assert.Equal(masked, address.ToString());
        Assert.Equal(masked, $"{address}");
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("jane.example.com", "no '@'")]
    [InlineData("jane@@example.com", "more than one '@'")]
    [InlineData("@example.com", "before the '@'")]
    [InlineData("jane@", "after the '@'")]
    [InlineData("jane@localhost", "no dot")]
    [InlineData("jane doe@example.com", "space")]
    [InlineData("jane@exa_mple.com", "letters, digits")]
    [InlineData("jane@example..com", "empty label")]
    [InlineData("jane@-example.com", "hyphen")]
    [InlineData("jane@10.0.0.1", "number")]
    [InlineData(".jane@example.com", "dot")]
    [InlineData("<jane@example.com>", "contains one of")]
    public void Invalid_addresses_are_refused_naming_the_address_and_the_problem(string text, string problem)
    {
        var e = Assert.Throws<InvalidEmailAddressException>(() => EmailAddress.Parse(text));

        Assert.Contains($"'{text}' is not a valid email address", e.Message);
        Assert.Contains(problem, e.Message);
        Assert.False(EmailAddress.TryParse(text, out _, out _));
    }

    [Fact]
    public void Addresses_that_differ_only_in_case_or_surrounding_spaces_are_equal_and_the_local_part_is_kept_as_typed()
    {
        Assert.Equal(EmailAddress.Parse("a@EXAMPLE.com"), EmailAddress.Parse(" a@example.com"));
        Assert.Equal(EmailAddress.Parse("A@example.com"), EmailAddress.Parse("a@example.com"));
        Assert.NotEqual(EmailAddress.Parse("a@example.com"), EmailAddress.Parse("b@example.com"));
        Assert.Equal("A@example.com", EmailAddress.Parse("A@example.com").Value);
    }
}
