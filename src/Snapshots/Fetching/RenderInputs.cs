using System.Text.Json;
using System.Text.Json.Serialization;

namespace Snapshots.Fetching;

/// <summary>
/// What the browser loaded to build a rendered page, as far as it can change the DOM: the document and every same-origin
/// script, data, XHR and fetch response, each with its validators and the SHA-256 of its (decoded) body, and the status of
/// one that answered with a settled client error (a script that is not there, an API that answers 401 to a visitor). Kept
/// compactly on the document's row (<see cref="ToRowValue"/>) so that the next check can revalidate them with conditional
/// requests (<see cref="RenderRevalidator"/>) instead of rendering again. <see cref="RenderedAt"/> is when the inputs were
/// loaded and <see cref="ChecksSince"/> how many checks have relied on them since without rendering
/// (<see cref="RenderRevalidation"/> bounds both).
/// </summary>
public sealed record RenderInputs(IReadOnlyList<RenderInput> Inputs, DateTimeOffset RenderedAt, int ChecksSince = 0)
{
    /// <summary>Longest row value kept (characters); a page that loads more is rendered on every check.</summary>
    public const int MaxRowValueLength = 16_000;

    /// <summary>Most inputs kept; a page that loads more is rendered on every check.</summary>
    public const int MaxInputs = 64;

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The value kept on the row, or null when it would exceed <see cref="MaxRowValueLength"/> or <see cref="MaxInputs"/>.</summary>
    public string? ToRowValue()
    {
        if (Inputs.Count == 0 || Inputs.Count > MaxInputs) return null;
        var row = new Row(RenderedAt, ChecksSince, [.. Inputs.Select(i => new RowInput(i.Url.AbsoluteUri, i.ETag, i.LastModified, i.Sha256, i.Status == RenderInput.Ok ? null : i.Status))]);
        var value = JsonSerializer.Serialize(row, Json);
        return value.Length <= MaxRowValueLength ? value : null;
    }

    /// <summary>The inputs kept on a row, or null when there are none or the value is not one this code wrote.</summary>
    public static RenderInputs? FromRowValue(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        try
        {
            var row = JsonSerializer.Deserialize<Row>(value, Json);
            if (row?.I is not { Count: > 0 } inputs) return null;
            var list = new List<RenderInput>(inputs.Count);
            foreach (var input in inputs)
            {
                if (!Uri.TryCreate(input.U, UriKind.Absolute, out var url) || input.S is not { Length: 64 } || input.C is < 100 or > 599) return null;
                list.Add(new RenderInput(url, input.E, input.M, input.S, input.C ?? RenderInput.Ok));
            }
            return new RenderInputs(list, row.At, row.N);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The same inputs, relied on by one more check without rendering.</summary>
    public RenderInputs Relied() => this with { ChecksSince = ChecksSince + 1 };

    private sealed record Row(
        [property: JsonPropertyName("at")] DateTimeOffset At,
        [property: JsonPropertyName("n")] int N,
        [property: JsonPropertyName("i")] List<RowInput> I);

    private sealed record RowInput(
        [property: JsonPropertyName("u")] string U,
        [property: JsonPropertyName("e")] string? E,
        [property: JsonPropertyName("m")] string? M,
        [property: JsonPropertyName("s")] string S,
        [property: JsonPropertyName("c")] int? C);
}

/// <summary>
/// One response a render loaded: its URL (as the page asked for it), validators, the SHA-256 of its decoded body, and its
/// status (<see cref="Ok"/> for any 2xx; kept otherwise, and then the response is asked for again without validators and must
/// answer the same status and body).
/// </summary>
public sealed record RenderInput(Uri Url, string? ETag, string? LastModified, string Sha256, int Status = RenderInput.Ok)
{
    /// <summary>The status kept for every successful (2xx) response.</summary>
    public const int Ok = 200;

    public bool Succeeded => IsSuccess(Status);

    /// <summary>A 2xx status: the one test of success for what a render loaded and for what revalidating it answers.</summary>
    public static bool IsSuccess(int status) => status is >= 200 and < 300;
}
