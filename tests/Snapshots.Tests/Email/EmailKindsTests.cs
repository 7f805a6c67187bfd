using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Snapshots.Email;
using Snapshots.Messaging;
using Snapshots.Storage;

namespace Snapshots.Tests.Email;

/// <summary>The registry of kinds as the library registers it, and the one place a kind is found by its name.</summary>
public sealed class EmailKindsTests
{
    private static ServiceProvider Library() => new ServiceCollection()
        .AddSnapshots(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [StorageOptions.SettingName] = StorageOptions.DevelopmentStorage }).Build())
        .BuildServiceProvider();

    [Fact]
    public void The_library_registers_the_six_kinds_each_under_its_classs_name()
    {
        using var services = Library();
        var kinds = services.GetRequiredService<EmailKinds>();

        Assert.Equal([AlertEmail.Kind, DigestEmail.Kind, ConfirmEmail.Kind, AccountEmail.Kind, ProvisionAlertEmail.Kind, Snapshots.Channels.ChannelDisabledEmail.Kind], kinds.Names);
        Assert.IsType<AlertEmail>(kinds.Find("alert"));
        Assert.IsType<DigestEmail>(kinds.Find("digest"));
        Assert.IsType<ConfirmEmail>(kinds.Find("confirm"));
        Assert.IsType<AccountEmail>(kinds.Find("account"));
        Assert.IsType<ProvisionAlertEmail>(kinds.Find("provision-alert"));
        Assert.IsType<Snapshots.Channels.ChannelDisabledEmail>(kinds.Find("channel-disabled"));
        Assert.Same(services.GetRequiredService<DigestEmail>(), kinds.Find(DigestEmail.Kind));
    }

    [Theory]
    [InlineData("sms")]
    [InlineData("Alert")]
    [InlineData("")]
    [InlineData(null)]
    public void An_unknown_kind_is_a_malformed_message_that_names_the_kinds_there_are(string? name)
    {
        using var services = Library();

        var e = Assert.Throws<MalformedMessageException>(() => services.GetRequiredService<EmailKinds>().Find(name));

        Assert.Equal(QueueNames.Emails, e.Queue);
        Assert.Equal($"malformed message on queue 'emails': EmailRequest kind '{name}' is not one of 'alert', 'digest', 'confirm', 'account', 'provision-alert', 'channel-disabled'", e.Message);
    }

    [Fact]
    public void Two_kinds_of_one_name_are_refused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new EmailKinds([new AlertEmail(null!), new AlertEmail(null!)]));
        Assert.Contains("'alert'", e.Message);
    }

    [Fact]
    public void The_delivery_protocol_names_no_kind()
    {
        var handler = File.ReadAllText(Path.Combine(LibrarySource(), "Pipeline", "SendEmailHandler.cs"));
        using var services = Library();

        foreach (var name in services.GetRequiredService<EmailKinds>().Names)
            Assert.DoesNotMatch($@"(?i)\b{name}", handler);
    }

    private static string LibrarySource() => Path.Combine(Architecture.RepositoryRoot.Path, "src", "Snapshots");
}
