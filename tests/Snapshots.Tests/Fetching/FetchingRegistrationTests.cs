using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Snapshots.Fetching;

namespace Snapshots.Tests.Fetching;

public sealed class FetchingRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings) => new ServiceCollection()
        .AddSnapshotsFetching(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
        .BuildServiceProvider();

    [Fact]
    public void Binds_the_fetch_section()
    {
        using var services = Build(new() { ["Fetch:MaxBodyBytes"] = "1024", ["Fetch:MaxRedirects"] = "2", ["Fetch:AllowPrivateNetworks"] = "true" });

        var options = services.GetRequiredService<IOptions<FetchOptions>>().Value;

        Assert.Equal(1024, options.MaxBodyBytes);
        Assert.Equal(2, options.MaxRedirects);
        Assert.True(options.AllowPrivateNetworks);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
    }

    [Fact]
    public void Refuses_invalid_limits_with_a_message_naming_the_setting()
    {
        using var services = Build(new() { ["Fetch:MaxBodyBytes"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<FetchOptions>>().Value);

        Assert.Contains("Fetch:MaxBodyBytes must be positive", error.Message);
    }

    [Fact]
    public void Binds_the_screenshot_setting_by_name_and_refuses_one_that_is_not_a_mode()
    {
        using var viewport = Build(new() { ["Fetch:Browser:Screenshot"] = "viewport" });
        Assert.Equal(ScreenshotMode.Viewport, viewport.GetRequiredService<IOptions<FetchOptions>>().Value.Browser.Screenshot);
        using var fallback = Build([]);
        Assert.Equal(ScreenshotMode.FullPage, fallback.GetRequiredService<IOptions<FetchOptions>>().Value.Browser.Screenshot);

        using var numbered = Build(new() { ["Fetch:Browser:Screenshot"] = "7" });
        var error = Assert.Throws<OptionsValidationException>(() => numbered.GetRequiredService<IOptions<FetchOptions>>().Value);
        Assert.Contains("Fetch:Browser:Screenshot must be FullPage, Viewport or None", error.Message);

        using var named = Build(new() { ["Fetch:Browser:Screenshot"] = "Thumbnail" });
        var binding = Assert.Throws<InvalidOperationException>(() => named.GetRequiredService<IOptions<FetchOptions>>().Value);
        Assert.Contains("Fetch:Browser:Screenshot", binding.Message);
    }

    [Fact]
    public void Resolves_a_fetcher_and_a_cycle()
    {
        using var services = Build([]);

        Assert.NotNull(services.GetRequiredService<PageFetcher>());
        Assert.NotSame(services.GetRequiredService<FetchCycle>(), services.GetRequiredService<FetchCycle>());
    }
}
