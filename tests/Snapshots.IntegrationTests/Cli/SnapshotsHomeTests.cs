using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Snapshots.Cli.Local;

namespace Snapshots.IntegrationTests.Cli;

/// <summary>Where the command keeps its things, the Azurite it installs, and the public address that follows the listener.</summary>
public sealed class SnapshotsHomeTests
{
    [Fact]
    public void SNAPSHOTS_HOME_wins_and_a_checkout_keeps_its_home_in_a_git_ignored_dot_snapshots()
    {
        var configured = Directory.CreateTempSubdirectory("snapshots-home-").FullName;
        var root = RepositoryRoot.Find()!;

        Assert.Equal(configured, SnapshotsHome.Resolve(configured).Path);
        Assert.Equal(Path.Combine(root, ".snapshots"), SnapshotsHome.Resolve("").Path);
        Assert.Contains(".snapshots/", File.ReadAllLines(Path.Combine(root, ".gitignore")));
        var home = new SnapshotsHome(configured);
        Assert.Equal(Path.Combine(configured, "outbox"), home.Outbox);
        Assert.Equal(Path.Combine(configured, "azurite"), home.AzuriteFolder);
    }

    [Fact]
    public void The_Azurite_installed_into_a_home_is_the_version_package_json_pins()
    {
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find()!, "package.json")));

        Assert.Equal(AzuritePackage.Version, package.RootElement.GetProperty("devDependencies").GetProperty("azurite").GetString());
    }

    [Theory]
    [InlineData("http://127.0.0.1:5123", "http://127.0.0.1:5123")]
    [InlineData("http://localhost:8080/;http://127.0.0.1:9090", "http://localhost:8080")]
    [InlineData("http://0.0.0.0:7080", "http://localhost:7080")]
    [InlineData("http://*:7080", "http://localhost:7080")]
    [InlineData("http://+:7080", "http://localhost:7080")]
    [InlineData("http://[::]:7080", "http://localhost:7080")]
    [InlineData("http://127.0.0.1:0", null)]
    [InlineData("unix:/tmp/s.sock", null)]
    public void The_public_address_is_the_first_listening_address_with_a_wildcard_read_as_localhost(string urls, string? expected) =>
        Assert.Equal(expected, PublicAddress.Of(urls));

    [Fact]
    public void A_configured_public_base_address_is_never_replaced_by_the_listener()
    {
        var set = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [PublicAddress.Setting] = "https://terms.example.org" }).Build();
        var unset = new ConfigurationBuilder().AddInMemoryCollection().Build();

        PublicAddress.FollowListener(set, "http://127.0.0.1:5123");
        PublicAddress.FollowListener(unset, "http://127.0.0.1:5123");

        Assert.Equal("https://terms.example.org", set[PublicAddress.Setting]);
        Assert.Equal("http://127.0.0.1:5123", unset[PublicAddress.Setting]);
    }
}
