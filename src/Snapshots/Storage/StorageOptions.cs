namespace Snapshots.Storage;

/// <summary>
/// Where the storage account is, read the way the Functions host reads <c>AzureWebJobsStorage</c>:
/// either a connection string (<c>AzureWebJobsStorage</c>, e.g. <c>UseDevelopmentStorage=true</c>) or an
/// account name with an identity (<c>AzureWebJobsStorage__accountName</c>, <c>__credential</c>, <c>__clientId</c>).
/// </summary>
public sealed record StorageOptions(string? ConnectionString, string? AccountName, string? ClientId)
{
    public const string SettingName = "AzureWebJobsStorage";
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    public bool UsesDevelopmentStorage =>
        ConnectionString is not null && ConnectionString.Replace(" ", "").Contains(DevelopmentStorage, StringComparison.OrdinalIgnoreCase);

    /// <summary>A description safe to print: never the account key.</summary>
    public string Describe() => AccountName is not null
        ? $"account {AccountName} (managed identity)"
        : UsesDevelopmentStorage ? "Azurite (UseDevelopmentStorage=true)" : "connection string";

    public static StorageOptions From(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var section = configuration.GetSection(SettingName);
        var accountName = section["accountName"];
        var connection = section.Value;
        if (string.IsNullOrWhiteSpace(connection) && string.IsNullOrWhiteSpace(accountName)) connection = DevelopmentStorage;
        return new StorageOptions(string.IsNullOrWhiteSpace(connection) ? null : connection, string.IsNullOrWhiteSpace(accountName) ? null : accountName, section["clientId"]);
    }
}
