using Snapshots.Fetching;

namespace Snapshots.Tests.Fetching;

/// <summary>What a render loaded, as the document row keeps it, and what makes a render impossible to revalidate.</summary>
public class RenderInputsTests
{
    private static readonly Uri Page = new("https://acme.example/terms");
    private static readonly DateTimeOffset At = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    private static GuardedResponse Ok(string body, string? etag = "\"a\"", string? cache = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["content-type"] = "text/html" };
        if (etag is not null) headers["etag"] = etag;
        if (cache is not null) headers["cache-control"] = cache;
        return new GuardedResponse(Page, 200, headers, System.Text.Encoding.UTF8.GetBytes(body));
    }

    [Fact]
    public void The_row_value_round_trips_with_the_document_first()
    {
        var recorder = new RenderInputsRecorder(Page, At);
        recorder.Observe("GET", "https://acme.example/app.js", false, Ok("js", etag: null));
        recorder.Observe("GET", Page.AbsoluteUri, false, Ok("<html>"));

        var inputs = recorder.Inputs()!;
        var back = RenderInputs.FromRowValue(inputs.ToRowValue())!;

        Assert.Equal([Page.AbsoluteUri, "https://acme.example/app.js"], back.Inputs.Select(i => i.Url.AbsoluteUri));
        Assert.Equal("\"a\"", back.Inputs[0].ETag);
        Assert.Null(back.Inputs[1].ETag);
        Assert.Equal(inputs.Inputs[1].Sha256, back.Inputs[1].Sha256);
        Assert.Equal(At, back.RenderedAt);
        Assert.Equal(1, back.Relied().ChecksSince);
    }

    [Theory]
    [InlineData("POST", "https://acme.example/api", false, "not a plain GET")]
    [InlineData("GET", "https://acme.example/api", true, "not a plain GET")]
    [InlineData("GET", "https://cdn.example/app.js", false, "cross-origin")]
    [InlineData("GET", "http://acme.example/app.js", false, "cross-origin")]
    public void A_request_that_cannot_be_asked_again_the_same_way_makes_the_render_uncertain(string method, string url, bool body, string reason)
    {
        var recorder = new RenderInputsRecorder(Page, At);
        recorder.Observe("GET", Page.AbsoluteUri, false, Ok("<html>"));
        recorder.Observe(method, url, body, Ok("x"));

        Assert.Null(recorder.Inputs());
        Assert.Contains(reason, recorder.Uncertain);
    }

    [Fact]
    public void A_failed_uncacheable_redirected_or_passing_error_response_makes_the_render_uncertain()
    {
        foreach (var (response, reason) in new (GuardedResponse?, string)[]
        {
            (null, "not loaded"),
            (Ok("x", cache: "private, no-store"), "no-store"),
            (Ok("x") with { Status = 302 }, "HTTP 302"),
            (Ok("x") with { Status = 503 }, "HTTP 503"),
            (Ok("x") with { Status = 429 }, "HTTP 429"),
            (Ok("x") with { Status = 408 }, "HTTP 408"),
        })
        {
            var recorder = new RenderInputsRecorder(Page, At);
            recorder.Observe("GET", Page.AbsoluteUri, false, Ok("<html>"));
            recorder.Observe("GET", "https://acme.example/data.json", false, response);
            Assert.Null(recorder.Inputs());
            Assert.Contains(reason, recorder.Uncertain);
        }
    }

    [Fact]
    public void A_settled_client_error_is_kept_with_its_status_and_round_trips_while_a_success_keeps_none()
    {
        var recorder = new RenderInputsRecorder(Page, At);
        recorder.Observe("GET", Page.AbsoluteUri, false, Ok("<html>"));
        recorder.Observe("GET", "https://acme.example/api/me", false, Ok("{\"error\":\"signed out\"}") with { Status = 401 });
        recorder.Observe("GET", "https://acme.example/missing.js", false, Ok("Not Found") with { Status = 404 });

        var inputs = recorder.Inputs()!;
        var value = inputs.ToRowValue()!;
        var back = RenderInputs.FromRowValue(value)!;

        Assert.Null(recorder.Uncertain);
        Assert.Equal([200, 401, 404], back.Inputs.Select(i => i.Status));
        // A client error is asked for again without validators: none is kept for it, whatever it sent.
        Assert.Null(back.Inputs[1].ETag);
        Assert.Equal(inputs.Inputs[2].Sha256, back.Inputs[2].Sha256);
        // A success writes no status: rows written before statuses were kept read the same.
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(value, "\"c\":"));
    }

    [Fact]
    public void A_render_whose_document_answered_a_client_error_is_not_kept()
    {
        var recorder = new RenderInputsRecorder(Page, At);
        recorder.Observe("GET", Page.AbsoluteUri, false, Ok("<html>") with { Status = 404 });

        Assert.Null(recorder.Inputs());
        Assert.Null(RenderInputs.FromRowValue("{\"at\":\"2026-12-06T09:00:00Z\",\"n\":0,\"i\":[{\"u\":\"https://acme.example/terms\",\"s\":\"" + new string('0', 64) + "\",\"c\":1000}]}"));
    }

    [Fact]
    public void Too_many_inputs_are_not_kept_and_a_value_not_written_here_is_ignored()
    {
        var recorder = new RenderInputsRecorder(Page, At);
        recorder.Observe("GET", Page.AbsoluteUri, false, Ok("<html>"));
        for (var i = 0; i < RenderInputs.MaxInputs; i++) recorder.Observe("GET", $"https://acme.example/chunk-{i}.js", false, Ok("x"));

        Assert.Null(recorder.Inputs());
        Assert.Null(RenderInputs.FromRowValue("{\"at\":\"2026-12-06T09:00:00Z\",\"n\":0,\"i\":[{\"u\":\"/relative\",\"s\":\"00\"}]}"));
        Assert.Null(RenderInputs.FromRowValue("not json"));
    }

    [Fact]
    public void Dom_feeding_resource_types_are_revalidated_and_styling_is_not()
    {
        Assert.All(["document", "script", "xhr", "fetch", "eventsource"], type => Assert.True(RenderInputsRecorder.CanChangeTheDom(type)));
        Assert.All(["stylesheet", "image", "font", "media", "ping"], type => Assert.False(RenderInputsRecorder.CanChangeTheDom(type)));
    }
}
