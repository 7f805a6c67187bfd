using System.Text.Json;
using System.Text.Json.Serialization;

namespace Snapshots.Messaging;

/// <summary>
/// JSON for queue messages. The queue clients encode the text as base64 (the Functions host's default
/// messageEncoding), so a trigger receives exactly the JSON written here.
/// </summary>
internal static class QueueMessageCodec
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        // Serializers generated at build time for the six messages, instead of built by reflection in each process.
        TypeInfoResolver = QueueMessageJson.Default,
    };

    public static string Encode<T>(T message) where T : IQueueMessage => JsonSerializer.Serialize(message, Json);

    /// <summary>Parses and checks the contract version; anything else is a <see cref="MalformedMessageException"/>.</summary>
    public static T Decode<T>(string queue, string text, int supportedVersion) where T : IQueueMessage
    {
        T? message;
        try { message = JsonSerializer.Deserialize<T>(text, Json); }
        catch (JsonException e) { throw new MalformedMessageException(queue, $"not a {typeof(T).Name}: {e.Message}", e); }
        if (message is null) throw new MalformedMessageException(queue, $"empty {typeof(T).Name}");
        if (message.V != supportedVersion)
            throw new MalformedMessageException(queue, $"{typeof(T).Name} version {message.V} is not supported (this code reads version {supportedVersion})");
        return message;
    }
}

/// <summary>The queue messages' serializers, generated at build time (<see cref="QueueMessageCodec.Json"/> sets its own options).</summary>
[JsonSerializable(typeof(CaptureRequest))]
[JsonSerializable(typeof(ChangeNotice))]
[JsonSerializable(typeof(ChannelDelivery))]
[JsonSerializable(typeof(EmailRequest))]
[JsonSerializable(typeof(TimestampRequest))]
[JsonSerializable(typeof(WaybackRequest))]
internal sealed partial class QueueMessageJson : JsonSerializerContext;
