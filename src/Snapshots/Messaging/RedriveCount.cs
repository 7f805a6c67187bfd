using System.Text.Json;
using System.Text.Json.Nodes;

namespace Snapshots.Messaging;

/// <summary>
/// How many times a message was re-driven from its poison queue, carried in the message itself as a top-level
/// <c>"redrives"</c> number: consumers skip members they do not know (<see cref="QueueMessageCodec"/>), and the Functions
/// host copies the text as it is when it parks a message again, so the count survives every move.
/// </summary>
public static class RedriveCount
{
    public const string Property = "redrives";

    /// <summary>The count in <paramref name="text"/> (0 when absent); false when the text is not a JSON object.</summary>
    public static bool TryRead(string text, out int redrives)
    {
        redrives = 0;
        JsonNode? node;
        try { node = JsonNode.Parse(text); }
        catch (JsonException) { return false; }
        if (node is not JsonObject message) return false;
        if (message[Property] is JsonValue value && value.TryGetValue<int>(out var count) && count >= 0) redrives = count;
        return true;
    }

    /// <summary><paramref name="text"/> (a JSON object) with its count set to <paramref name="redrives"/>; every other member kept.</summary>
    public static string With(string text, int redrives)
    {
        var message = JsonNode.Parse(text) as JsonObject ?? throw new FormatException("a queue message to re-drive must be a JSON object");
        message[Property] = redrives;
        return message.ToJsonString();
    }
}
