using System.Text.RegularExpressions;
using Snapshots.Storage;

namespace Snapshots.Tests.Architecture;

/// <summary>The Bicep creates every table and queue the code uses: the Functions app creates none itself (only the CLI does).</summary>
public partial class InfraStorageNamesTests
{
    [Fact]
    public void The_storage_account_creates_every_table_and_queue_the_code_names()
    {
        var bicep = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "infra", "core", "storage", "storage-account.bicep"));

        Assert.Equal(StorageNames.Tables.Order(StringComparer.Ordinal), ArrayParameter(bicep, "tableNames").Order(StringComparer.Ordinal));
        Assert.Equal(QueueNames.All.Order(StringComparer.Ordinal), ArrayParameter(bicep, "queueNames").Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> ArrayParameter(string bicep, string name)
    {
        var match = Regex.Match(bicep, $@"^param {name} array = \[(?<items>[^\]]*)\]", RegexOptions.Multiline);
        Assert.True(match.Success, $"storage-account.bicep has no 'param {name} array = [...]'");
        return Quoted().Matches(match.Groups["items"].Value).Select(m => m.Groups[1].Value);
    }


    [GeneratedRegex("'([^']*)'")]
    private static partial Regex Quoted();
}
