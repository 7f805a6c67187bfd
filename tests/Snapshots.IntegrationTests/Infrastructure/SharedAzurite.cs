using Snapshots.Cli.Local;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>
/// One in-memory Azurite for the whole test run, on free loopback ports, with many accounts so that every test
/// gets storage of its own (isolation without a process per test). Stopped when the test process exits.
/// </summary>
public static class SharedAzurite
{
    // One account a test (and a few tests take two); 1,200 accounts are 118 KB of AZURITE_ACCOUNTS, under Linux's 128 KB for one
    // environment string.
    private const int AccountCount = 1200;
    private static readonly Lazy<Task<AzuriteLauncher>> Started = new(StartAsync);
    private static int _nextAccount = -1;

    /// <summary>A connection string to an account no other test uses.</summary>
    public static async Task<string> NewAccountAsync()
    {
        var azurite = await Started.Value;
        var index = Interlocked.Increment(ref _nextAccount);
        if (index >= AccountCount) throw new InvalidOperationException($"more than {AccountCount} storage accounts requested: raise AccountCount");
        return azurite.ConnectionStringFor(AccountName(index));
    }

    private static string AccountName(int index) => $"test{index:D4}";

    private static async Task<AzuriteLauncher> StartAsync()
    {
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("tests must run inside the repository (package.json pins Azurite)");
        var accounts = string.Join(';', Enumerable.Range(0, AccountCount).Select(i => $"{AccountName(i)}:{AzuriteLauncher.DevelopmentKey}"));
        var launcher = await AzuriteLauncher.StartInMemoryAsync(root, accounts, _ => { });
        AppDomain.CurrentDomain.ProcessExit += (_, _) => launcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return launcher;
    }
}
