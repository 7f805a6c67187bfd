using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Snapshots.Functions;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Storage;

namespace Snapshots.IntegrationTests.Functions;

/// <summary>
/// The Functions app treats a malformed message as <c>snapshots run</c> does (see RunOnceQueueTests): straight to the poison
/// queue with one log line, and the function returns normally so the host deletes the original instead of retrying it.
/// </summary>
public sealed class MalformedMessageTests
{
    [Fact]
    public async Task Each_queue_function_moves_a_malformed_message_to_its_poison_queue_at_once_with_one_log_line()
    {
        var logged = new RecordingLoggerProvider();
        await using var app = await TestPipeline.StartAsync(configure: services => services.AddSingleton<ILoggerProvider>(logged));
        var ct = CancellationToken.None;

        await ActivatorUtilities.CreateInstance<CaptureDocument>(app.Services).Run("""{"v":1,"documentIds":[]}""", "id-capture", ct);
        await ActivatorUtilities.CreateInstance<FanOutChange>(app.Services).Run("not json", "id-changes", ct);
        await ActivatorUtilities.CreateInstance<SendEmail>(app.Services).Run("""{"v":7}""", "id-emails", ct);

        foreach (var (queue, body, id) in new[] { (QueueNames.Capture, """{"v":1,"documentIds":[]}""", "id-capture"), (QueueNames.Changes, "not json", "id-changes"), (QueueNames.Emails, """{"v":7}""", "id-emails") })
        {
            var poisoned = Assert.Single((await app.Storage.Queue(QueueNames.PoisonOf(queue)).ReceiveMessagesAsync(32)).Value);
            Assert.Equal(body, poisoned.MessageText);
            var line = Assert.Single(logged.Messages, m => m.Contains(id, StringComparison.Ordinal));
            Assert.Contains($"on queue '{queue}' moved to '{queue}-poison' at once: malformed message", line);
        }
    }
}
