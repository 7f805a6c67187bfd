using System.Net.Sockets;
using Azure;
using Microsoft.Extensions.Configuration;
using Snapshots.Storage;

namespace Snapshots.Cli;

/// <summary>Turns "the storage account could not be reached" (after the SDK's retries) into one line that says what to do.</summary>
public static class StorageUnreachable
{
    /// <summary>The line to print, or null when <paramref name="error"/> is not a failure to reach storage.</summary>
    public static string? Describe(Exception error, IConfiguration configuration)
    {
        var cause = Causes(error).FirstOrDefault(e => e is HttpRequestException or SocketException || e is RequestFailedException { Status: 0 });
        if (cause is null) return null;
        var innermost = Causes(cause).Last().Message.ReplaceLineEndings(" ").Trim();
        var storage = StorageOptions.From(configuration);
        var hint = storage.UsesDevelopmentStorage
            ? "AzureWebJobsStorage=UseDevelopmentStorage=true names an Azurite on 127.0.0.1:10000-10002 and none answers (start it, or unset AzureWebJobsStorage to use this home's own Azurite)"
            : storage.ConnectionString?.Contains($"AccountName={Local.BackgroundAzurite.Account};", StringComparison.Ordinal) == true
                ? "this home's Azurite stopped answering (`snapshots azurite status` says more; the next command starts it again; its log is azurite/azurite.log in the home)"
                : "check AzureWebJobsStorage (or AzureWebJobsStorage__accountName) and the network";
        return $"cannot reach the storage account: {innermost}; {hint}.";
    }

    private static IEnumerable<Exception> Causes(Exception error)
    {
        for (Exception? e = error; e is not null; e = e is AggregateException { InnerExceptions.Count: > 0 } a ? a.InnerExceptions[0] : e.InnerException)
            yield return e;
    }
}
