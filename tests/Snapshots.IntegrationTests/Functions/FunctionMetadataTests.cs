using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using NCrontab;
using Snapshots.Pipeline;

namespace Snapshots.IntegrationTests.Functions;

/// <summary>The function app's metadata, checked the way the Functions host would read it.</summary>
public sealed partial class FunctionMetadataTests
{
    [Fact]
    public void The_functions_have_unique_names_matching_their_classes()
    {
        var names = FunctionApp.All.Select(f => f.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(
            ["CaptureDocument", "FanOutChange", "ScheduleCaptures", "ScheduleDigests", "SendEmail", "TimestampVersion"],
            names.Order(StringComparer.Ordinal));
        Assert.All(FunctionApp.All, f => Assert.Equal(f.Name, f.Method.DeclaringType!.Name));
        Assert.All(FunctionApp.All, f => Assert.NotNull(f.Trigger));
    }

    [Fact]
    public void Every_queue_of_the_pipeline_has_exactly_one_trigger_on_its_library_constant()
    {
        var triggered = FunctionApp.QueueTriggered.Select(q => q.Trigger.QueueName).ToList();

        Assert.Equal(QueueNames.All.Order(StringComparer.Ordinal), triggered.Order(StringComparer.Ordinal));
        Assert.All(FunctionApp.QueueTriggered, q =>
        {
            Assert.Null(q.Trigger.Connection); // AzureWebJobsStorage, the setting the library reads too
            Assert.Equal(typeof(string), q.Function.TriggerParameter!.ParameterType);
        });
    }

    [Fact]
    public void Every_triggered_queue_has_a_producer_in_the_library_other_than_its_consumer()
    {
        foreach (var (function, trigger) in FunctionApp.QueueTriggered)
        {
            var consumer = FunctionApp.HandlerOf(function);
            var producers = QueueProducers.TypesNaming(typeof(QueueNames).Assembly, trigger.QueueName)
                .Where(t => t != typeof(QueueNames) && t != consumer)
                .ToList();

            Assert.True(producers.Count > 0, $"nothing in the library writes to queue '{trigger.QueueName}' that {function.Name} reads");
        }
    }

    [Fact]
    public void Timer_schedules_are_settings_defined_in_the_sample_and_parse_as_six_field_ncrontab()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(FunctionApp.RepositoryFile("local.settings.sample.json")));
        var values = sample.RootElement.GetProperty("Values");

        Assert.Equal(2, FunctionApp.TimerTriggered.Count());
        foreach (var (function, trigger) in FunctionApp.TimerTriggered)
        {
            var setting = SettingExpression().Match(trigger.Schedule);
            Assert.True(setting.Success, $"{function.Name}: schedule '{trigger.Schedule}' is not a %SETTING% expression");

            var name = setting.Groups["name"].Value;
            Assert.True(values.TryGetProperty(name, out var value), $"local.settings.sample.json does not define {name}");
            var expression = value.GetString()!;
            Assert.Equal(6, expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.NotNull(CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true }));
        }
    }

    [Fact]
    public void No_function_carries_a_retry_attribute()
    {
        // The Worker SDK's generator rejects retry attributes on queue triggers (AZFW0012); retries come from
        // maxDequeueCount and the poison queues.
        Assert.All(FunctionApp.All, f => Assert.DoesNotContain(
            f.Method.GetCustomAttributes(inherit: true), a => a.GetType().Name.Contains("Retry", StringComparison.Ordinal)));
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
