using System.Text.Json;
using System.Text.Json.Nodes;

namespace Snapshots.Channels;

/// <summary>
/// An event written for each kind of channel, as UTF-8 JSON. Every value is a JSON string written by the serializer, so scraped
/// names cannot become structure; Slack's mrkdwn also gets <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> escaped (no links or mentions
/// can be smuggled in), and every text is cut to the receiver's limit.
/// <list type="bullet">
/// <item>webhook: the Standard Webhooks shape <c>{"type", "timestamp", "data": {…}}</c>;</item>
/// <item>Slack: a Block Kit message (header, section with platform, document, severity and summary, a link button) with a
/// <c>text</c> fallback for notifications;</item>
/// <item>Teams: an Adaptive Card 1.4 in the <c>attachments</c> envelope that Teams workflow webhooks accept.</item>
/// </list>
/// </summary>
public static class ChannelPayloads
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static string For(string kind, ChannelEvent e) => kind switch
    {
        ChannelKind.Webhook => Webhook(e),
        ChannelKind.Slack => Slack(e),
        ChannelKind.Teams => Teams(e),
        _ => throw new ArgumentException($"unknown channel kind '{kind}'", nameof(kind)),
    };

    public static string Webhook(ChannelEvent e) => new JsonObject
    {
        ["type"] = e.Type,
        ["timestamp"] = e.OccurredAt.UtcDateTime.ToString("O"),
        ["data"] = new JsonObject
        {
            ["platform"] = e.Platform,
            ["platformName"] = e.PlatformName,
            ["document"] = e.DocumentId,
            ["termsType"] = e.TermsType,
            ["version"] = e.Sequence,
            ["capturedAt"] = e.CapturedAt.UtcDateTime.ToString("O"),
            ["severity"] = e.Severity,
            ["summary"] = e.Summary,
            ["provisions"] = new JsonArray([.. e.Provisions.Select(p => (JsonNode)JsonValue.Create(p))]),
            ["url"] = e.Url.AbsoluteUri,
        },
    }.ToJsonString(Compact);

    public static string Slack(ChannelEvent e) => new JsonObject
    {
        ["text"] = Cut(Mrkdwn(e.Headline), 3000),
        ["blocks"] = new JsonArray(
            new JsonObject
            {
                ["type"] = "header",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Cut(e.Headline, 150), ["emoji"] = false },
            },
            new JsonObject
            {
                ["type"] = "section",
                ["fields"] = new JsonArray(
                    Field("Platform", e.PlatformName),
                    Field("Document", e.TermsType),
                    Field("Severity", e.Severity),
                    Field("Version", e.Type == ChannelEvent.ChannelTest ? "test" : e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            },
            new JsonObject
            {
                ["type"] = "section",
                ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Cut(Mrkdwn(e.Summary), 3000) },
            },
            new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray(new JsonObject
                {
                    ["type"] = "button",
                    ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = e.Type == ChannelEvent.ChannelTest ? "Open Snapshots" : "View the change" },
                    ["url"] = e.Url.AbsoluteUri,
                }),
            }),
    }.ToJsonString(Compact);

    public static string Teams(ChannelEvent e) => new JsonObject
    {
        ["type"] = "message",
        ["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = "application/vnd.microsoft.card.adaptive",
            ["contentUrl"] = null,
            ["content"] = new JsonObject
            {
                ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                ["type"] = "AdaptiveCard",
                ["version"] = "1.4",
                ["body"] = new JsonArray(
                    new JsonObject { ["type"] = "TextBlock", ["text"] = Cut(e.Headline, 300), ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
                    new JsonObject
                    {
                        ["type"] = "FactSet",
                        ["facts"] = new JsonArray(
                            Fact("Platform", e.PlatformName),
                            Fact("Document", e.TermsType),
                            Fact("Severity", e.Severity),
                            Fact("Version", e.Type == ChannelEvent.ChannelTest ? "test" : e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                    },
                    new JsonObject { ["type"] = "TextBlock", ["text"] = Cut(e.Summary, 2000), ["wrap"] = true }),
                ["actions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Action.OpenUrl",
                    ["title"] = e.Type == ChannelEvent.ChannelTest ? "Open Snapshots" : "View the change",
                    ["url"] = e.Url.AbsoluteUri,
                }),
            },
        }),
    }.ToJsonString(Compact);

    private static JsonObject Field(string name, string value) => new() { ["type"] = "mrkdwn", ["text"] = Cut($"*{name}*\n{Mrkdwn(value)}", 2000) };

    private static JsonObject Fact(string name, string value) => new() { ["title"] = name, ["value"] = Cut(value, 500) };

    /// <summary>Slack's three control characters escaped, so text cannot open a link, a mention or a channel reference.</summary>
    internal static string Mrkdwn(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
