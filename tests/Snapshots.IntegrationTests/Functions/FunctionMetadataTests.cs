using System.Text.Json;
using System.Text.RegularExpressions;
using NCrontab;
using Snapshots.Pipeline;
using Snapshots.Storage;

namespace Snapshots.IntegrationTests.Functions;

/// <summary>The function app's metadata, checked the way the Functions host would read it.</summary>
public sealed partial class FunctionMetadataTests
{
    [Fact]
    public void The_generated_metadata_lists_the_twelve_functions_each_named_after_its_class()
    {
        var names = FunctionApp.All.Select(f => f.Name).ToList();

        Assert.Equal(
            ["CaptureDocument", "DeliverToChannel", "FanOutChange", "RedriveParked", "RenewTimestamps", "SaveToWayback", "ScheduleCaptures", "ScheduleDigests", "SendEmail", "SequenceLog", "TimestampVersion", "WebFace"],
            names.Order(StringComparer.Ordinal));
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(FunctionApp.All, f =>
        {
            Assert.Equal("Snapshots.Functions.dll", f.ScriptFile);
            Assert.Equal(f.Name, f.Class.Name);
            Assert.NotNull(f.Method);
            Assert.Equal("In", f.Trigger.Direction);
        });
    }

    [Fact]
    public void Every_queue_of_the_pipeline_has_exactly_one_trigger_on_the_storage_account_the_library_uses()
    {
        var triggered = FunctionApp.QueueTriggered.Select(q => q.QueueName).ToList();

        Assert.Equal(QueueNames.All.Order(StringComparer.Ordinal), triggered.Order(StringComparer.Ordinal));
        Assert.All(FunctionApp.QueueTriggered, q =>
        {
            // No "connection": the host reads AzureWebJobsStorage, the setting the library reads too.
            Assert.Null(q.Function.Trigger.Property("connection"));
            Assert.Equal("String", q.Function.Trigger.Property("dataType"));
        });
    }

    [Fact]
    public void Every_triggered_queue_has_a_producer_in_the_library_other_than_its_consumer()
    {
        foreach (var (function, queueName) in FunctionApp.QueueTriggered)
        {
            var consumer = FunctionApp.HandlerOf(function);
            var producers = QueueProducers.TypesNaming(typeof(QueueNames).Assembly, queueName)
                .Where(t => t != typeof(QueueNames) && t != consumer)
                .ToList();

            Assert.True(producers.Count > 0, $"nothing in the library writes to queue '{queueName}' that {function.Name} reads");
        }
    }

    [Fact]
    public void Timer_schedules_are_the_shared_setting_names_defined_in_the_sample_as_six_field_ncrontab()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(FunctionApp.RepositoryFile("local.settings.sample.json")));
        var values = sample.RootElement.GetProperty("Values");

        Assert.Equal(
            [$"%{ScheduleSettings.Capture}%", $"%{ScheduleSettings.Digest}%", $"%{ScheduleSettings.Log}%", $"%{ScheduleSettings.Redrive}%", $"%{ScheduleSettings.Renew}%"],
            FunctionApp.TimerTriggered.Select(t => t.Schedule).Order(StringComparer.Ordinal));
        foreach (var (function, schedule) in FunctionApp.TimerTriggered)
        {
            var setting = SettingExpression().Match(schedule);
            Assert.True(setting.Success, $"{function.Name}: schedule '{schedule}' is not a %SETTING% expression");

            var name = setting.Groups["name"].Value;
            Assert.True(values.TryGetProperty(name, out var value), $"local.settings.sample.json does not define {name}");
            var expression = value.GetString()!;
            Assert.Equal(6, expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.NotNull(CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true }));
        }
    }

    [Fact]
    public void No_function_carries_a_retry_policy()
    {
        // Retries come from maxDequeueCount and the poison queues; the generator would write a "retry" object.
        Assert.All(FunctionApp.All, f => Assert.False(f.Json.TryGetProperty("retry", out _), $"{f.Name} has a retry policy"));
    }

    [Fact]
    public void Host_json_sends_failed_messages_to_poison_after_five_tries_and_decodes_base64()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(FunctionApp.RepositoryFile("host.json")));
        var queues = host.RootElement.GetProperty("extensions").GetProperty("queues");

        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        Assert.Equal(5, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
        Assert.True(TimeSpan.TryParse(queues.GetProperty("visibilityTimeout").GetString(), out _));
        Assert.True(TimeSpan.TryParse(queues.GetProperty("maxPollingInterval").GetString(), out _));
    }

    [Fact]
    public void Every_setting_in_the_sample_is_a_string_and_the_storage_is_azurite()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(FunctionApp.RepositoryFile("local.settings.sample.json")));
        var values = sample.RootElement.GetProperty("Values");

        Assert.All(values.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
        Assert.Equal("UseDevelopmentStorage=true", values.GetProperty("AzureWebJobsStorage").GetString());
        Assert.Equal("dotnet-isolated", values.GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
    }

    [GeneratedRegex("^%(?<name>[A-Za-z0-9_]+)%$")]
    private static partial Regex SettingExpression();
}
