using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Storage;

namespace Snapshots.IntegrationTests.Functions;

/// <summary>What the library's queue clients put on the wire is what host.json tells the Functions host to decode.</summary>
public sealed class QueueEncodingTests
{
    [Fact]
    public async Task The_library_writes_queue_messages_in_the_encoding_host_json_declares()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(FunctionApp.RepositoryFile("host.json")));
        var declared = host.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("messageEncoding").GetString();
        var connection = await SharedAzurite.NewAccountAsync();
        var storage = new StorageClients(new StorageOptions(connection, null, null));
        await storage.EnsureCreatedAsync();
        const string json = """{"v":1,"documentId":"example/terms-of-service"}""";

        await storage.Queue(QueueNames.Capture).SendMessageAsync(json);

        var raw = new QueueClient(connection, QueueNames.Capture, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var peeked = (await raw.PeekMessageAsync()).Value;
        Assert.Equal("base64", declared);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(json)), peeked.MessageText);
    }
}
