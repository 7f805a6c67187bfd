using Snapshots.Text;
using System.Text;
using Microsoft.Extensions.Options;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Changes;
using Snapshots.Fetching;
using Snapshots.Tracking;

namespace Snapshots.Tests.Tracking;

/// <summary>Every outcome of a check, decided from facts in hand: no storage, no network.</summary>
public class CheckDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
    private static readonly DocumentId Id = new("acme", "privacy-policy");
    private const string Url = "https://acme.example/privacy";
    private const string Served = "# Privacy\n\nWe keep logs for a year.\n";
    private const string Edited = "# Privacy\n\nWe keep logs for two years.\n";

    private readonly CheckDecision _decision = new(TopicClassifier.Default, Options.Create(new CaptureOptions()));

    private static DocumentDeclaration Declaration(string select = "main", bool scripted = false)
    {
        var scripts = scripted ? ", \"executeClientScripts\": true" : "";
        var json = "{\"name\": \"Acme\", \"documents\": {\"Privacy Policy\": {\"fetch\": \"" + Url + "\", \"select\": [\"" + select + "\"]" + scripts + "}}}";
        return DeclarationParser.Parse(json, "acme.json").Documents[0];
    }

    /// <summary>A document with one recorded version whose text is <see cref="Served"/>, extracted with the declaration in force.</summary>
    private static DocumentRecord Tracked(DocumentDeclaration? declaration = null)
    {
        declaration ??= Declaration();
        var fingerprint = DeclarationJsonOptions.Fingerprint(declaration);
        return new DocumentRecord
        {
            PartitionKey = Id.DocumentsPartitionKey,
            RowKey = Id.DocumentsRowKey,
            DeclarationJson = DeclarationJsonOptions.Serialize(declaration),
            DeclarationSha256 = fingerprint,
            CurrentDeclarationSha256 = fingerprint,
            VersionCount = 1,
            CurrentSha256 = Sha256Hex.Of(Served),
            CurrentChainHash = "chain1",
            LastRawSha256 = Sha256Hex.Of(Page("<main>served</main>").Body),
            LastETag = "\"v1\"",
            LastModifiedHeader = "Mon, 30 Nov 2026 09:00:00 GMT",
            LastCheckedAt = Now.AddDays(-1),
            ConsecutiveFailures = 2,
            LastError = "timed out",
            FailingSince = Now.AddDays(-2),
        };
    }

    [Fact]
    public void A_rendered_page_revalidates_its_last_renders_inputs_until_a_full_render_is_due()
    {
        var options = new CaptureOptions { FullRenderEveryChecks = 3, FullRenderAfter = TimeSpan.FromDays(2) };
        var document = Tracked(Declaration(scripted: true));
        var inputs = new RenderInputs([new RenderInput(new Uri(Url), "\"v1\"", null, new string('a', 64))], Now.AddHours(-1));
        Assert.Null(CheckDecision.RenderedFrom(document, Now, options));

        document.RenderInputsJson = inputs.ToRowValue();
        Assert.Equal(inputs.ToRowValue(), CheckDecision.RenderedFrom(document, Now, options)?.Rendered?.ToRowValue());
        Assert.Null(CheckDecision.ValidatorsFor(document));

        document.RenderInputsJson = (inputs with { ChecksSince = 3 }).ToRowValue();
        Assert.Null(CheckDecision.RenderedFrom(document, Now, options));
        document.RenderInputsJson = (inputs with { RenderedAt = Now.AddDays(-2) }).ToRowValue();
        Assert.Null(CheckDecision.RenderedFrom(document, Now, options));
        document.RenderInputsJson = inputs.ToRowValue();
        Assert.Null(CheckDecision.RenderedFrom(document, Now, new CaptureOptions { FullRenderEveryChecks = 0 }));
        document.DeclarationSha256 = "another";
        Assert.Null(CheckDecision.RenderedFrom(document, Now, options));
    }

    [Fact]
    public void A_rendered_page_that_gives_the_DOM_the_last_check_verified_is_asked_for_without_a_screenshot()
    {
        var options = new CaptureOptions { FullRenderEveryChecks = 0 };
        var document = Tracked(Declaration(scripted: true));
        // A full render is due (no inputs to revalidate), and its DOM, if byte for byte the verified one, is "same raw bytes".
        var request = CheckDecision.RenderRequest(document, Now, options);
        Assert.Equal(document.LastRawSha256, request?.VerifiedSha256);
        Assert.Null(request?.Rendered);

        // Bytes that would not be called unchanged by them alone: a screenshot is taken whatever the DOM.
        document.DeclarationSha256 = "another";
        Assert.Null(CheckDecision.RenderRequest(document, Now, options));
        document.DeclarationSha256 = document.CurrentDeclarationSha256!;
        document.MissingRawSha256 = document.LastRawSha256;
        Assert.Null(CheckDecision.RenderRequest(document, Now, options));
        document.MissingRawSha256 = null;
        document.VersionCount = 0;
        Assert.Null(CheckDecision.RenderRequest(document, Now, options));
        // A page fetched without a browser has HTTP validators, never this.
        Assert.Null(CheckDecision.ValidatorsFor(Tracked())?.VerifiedSha256);
    }

    private static DocumentRecord New()
    {
        var document = Tracked();
        document.VersionCount = 0;
        document.CurrentSha256 = null;
        document.CurrentDeclarationSha256 = null;
        document.LastRawSha256 = null;
        document.ConsecutiveFailures = 0;
        document.LastError = null;
        document.FailingSince = null;
        return document;
    }

    private static FetchedPage Page(string html, bool notModified = false, string? etag = "\"v2\"") =>
        new(new Uri(Url), new Uri(Url), notModified ? 304 : 200, MediaTypes.Html, Encoding.UTF8.GetBytes(html), etag, "Sun, 06 Dec 2026 08:00:00 GMT", notModified);

    private static CheckFacts Fetched(DocumentRecord document, FetchedPage page, bool live = true) =>
        new(document, Now, document.DeclarationSha256, live) { Pages = [new SourcePage(document.Declaration().Sources[0], page)] };

    private static VersionCandidate Candidate(CheckFacts facts, string text) =>
        new(Id, facts.CheckedAt, text, [new CapturedSource(Url, Url, MediaTypes.Html, "html", facts.Pages![0].Page.Body)], facts.DeclarationSha256, facts.Live ? "live" : "import");

    private static CheckFacts Extracted(CheckFacts facts, string text) => facts with { Candidate = Candidate(facts, text) };

    /// <summary>The versions' texts the decision compares a new text with, by hash.</summary>
    private static IReadOnlyDictionary<string, string> Texts(params string[] texts) => texts.ToDictionary(Sha256Hex.Of, t => t);

    private static VersionRecord Version(long sequence, string text, DateTimeOffset at) =>
        new() { PartitionKey = Id.VersionsPartitionKey, Sequence = sequence, TextSha256 = Sha256Hex.Of(text), CapturedAt = at, ChainHash = $"chain{sequence}", TextBlob = $"{sequence}.md" };

    private static DocumentRecord Applied(CheckVerdict verdict, DocumentRecord row)
    {
        var copy = row.Copy();
        Assert.True(((CheckVerdict.Outcome)verdict).Row!(copy), "the outcome changes the row");
        return copy;
    }

    [Fact]
    public void A_check_starts_by_fetching_with_the_last_validators_only_when_they_can_prove_the_text_unchanged()
    {
        var validators = Assert.IsType<CheckVerdict.NeedsPages>(_decision.Decide(new CheckFacts(Tracked(), Now, Tracked().DeclarationSha256, Live: true))).Validators;
        Assert.Equal(new ConditionalRequest("\"v1\"", "Mon, 30 Nov 2026 09:00:00 GMT"), validators);

        Assert.Null(CheckDecision.ValidatorsFor(New()));
        Assert.Null(CheckDecision.ValidatorsFor(Tracked(Declaration(scripted: true))));
        var changedDeclaration = Tracked();
        changedDeclaration.CurrentDeclarationSha256 = "an older declaration";
        Assert.Null(CheckDecision.ValidatorsFor(changedDeclaration));
        var missingRaw = Tracked();
        missingRaw.MissingRawSha256 = missingRaw.LastRawSha256;
        Assert.Null(CheckDecision.ValidatorsFor(missingRaw));
        var imported = Tracked();
        Assert.Null(Assert.IsType<CheckVerdict.NeedsPages>(_decision.Decide(new CheckFacts(imported, Now, imported.DeclarationSha256, Live: false))).Validators);
    }

    [Fact]
    public void A_fetch_that_failed_is_counted_on_the_row_and_leaves_the_versions_alone()
    {
        var document = Tracked();
        var verdict = _decision.Decide(new CheckFacts(document, Now, document.DeclarationSha256, Live: true) { FetchError = "https://acme.example/privacy: HTTP 503" });

        var failed = Assert.IsType<CheckVerdict.Failed>(verdict);
        Assert.Equal("https://acme.example/privacy: HTTP 503", failed.Reason);
        var row = Applied(verdict, document);
        Assert.Equal(3, row.ConsecutiveFailures);
        Assert.Equal(failed.Reason, row.LastError);
        Assert.Equal(Now.AddDays(-2), row.FailingSince);
        Assert.Equal(Now, row.LastAttemptAt);
        Assert.Equal(Now.AddDays(-1), row.LastCheckedAt);
        Assert.Equal((1L, document.CurrentSha256, "\"v1\""), (row.VersionCount, row.CurrentSha256, row.LastETag));
    }

    [Fact]
    public void A_failure_reason_is_bounded_and_shown_without_control_characters()
    {
        var document = New();
        var failed = Assert.IsType<CheckVerdict.Failed>(_decision.Decide(new CheckFacts(document, Now, document.DeclarationSha256, Live: true) { FetchError = "bad\u0007" + new string('x', 5000) }));
        Assert.True(failed.Reason.Length <= CheckDecision.MaxErrorLength);
        Assert.DoesNotContain('\u0007', failed.Reason);
        Assert.Equal(Now, Applied(failed, document).FailingSince);
    }

    [Fact]
    public void Not_modified_is_unchanged_and_keeps_the_validators_it_sent()
    {
        var document = Tracked();
        var verdict = _decision.Decide(Fetched(document, Page("", notModified: true, etag: null)));

        Assert.Equal("not modified (HTTP 304)", Assert.IsType<CheckVerdict.Unchanged>(verdict).Detail);
        var row = Applied(verdict, document);
        Assert.Equal((Now, Now, 0, (string?)null, (DateTimeOffset?)null), (row.LastCheckedAt!.Value, row.LastAttemptAt!.Value, row.ConsecutiveFailures, row.LastError, row.FailingSince));
        Assert.Equal(("\"v1\"", document.LastRawSha256), (row.LastETag, row.LastRawSha256));
    }

    [Fact]
    public void The_same_raw_bytes_under_the_same_declaration_are_unchanged_without_extracting()
    {
        var document = Tracked();
        var verdict = _decision.Decide(Fetched(document, Page("<main>served</main>")));

        Assert.Equal("same raw bytes", Assert.IsType<CheckVerdict.Unchanged>(verdict).Detail);
        Assert.Equal("\"v2\"", Applied(verdict, document).LastETag);

        var redeclared = Tracked();
        redeclared.CurrentDeclarationSha256 = "an older declaration";
        Assert.IsType<CheckVerdict.NeedsText>(_decision.Decide(Fetched(redeclared, Page("<main>served</main>"))));
    }

    [Fact]
    public void Extraction_that_failed_is_a_failed_check_that_settles_missing_raw_blobs()
    {
        var document = Tracked();
        document.MissingRawSha256 = "f00d";
        var facts = Fetched(document, Page("<main>new</main>"));
        Assert.IsType<CheckVerdict.NeedsText>(_decision.Decide(facts));

        var verdict = _decision.Decide(facts with { ExtractionError = "the page is a sign-in page, not the document" });
        Assert.Equal("the page is a sign-in page, not the document", Assert.IsType<CheckVerdict.Failed>(verdict).Reason);
        var row = Applied(verdict, document);
        Assert.Null(row.MissingRawSha256);
        Assert.Equal(3, row.ConsecutiveFailures);
    }

    [Fact]
    public void The_served_text_again_is_unchanged_and_a_new_declaration_that_extracts_it_is_adopted()
    {
        var document = Tracked();
        var verdict = _decision.Decide(Extracted(Fetched(document, Page("<main>other markup</main>")), Served));
        Assert.Equal("same text", Assert.IsType<CheckVerdict.Unchanged>(verdict).Detail);
        Assert.Equal(Sha256Hex.Of(Page("<main>other markup</main>").Body), Applied(verdict, document).LastRawSha256);

        var redeclared = Tracked(Declaration(select: "article"));
        redeclared.CurrentDeclarationSha256 = "an older declaration";
        var adopted = Applied(_decision.Decide(Extracted(Fetched(redeclared, Page("<article>x</article>")), Served)), redeclared);
        Assert.Equal(redeclared.DeclarationSha256, adopted.CurrentDeclarationSha256);
        Assert.NotNull(CheckDecision.ValidatorsFor(adopted));
    }

    [Fact]
    public void A_text_found_equivalent_by_site_chrome_before_is_unchanged()
    {
        var document = Tracked();
        document.ChromeEquivalentSha256 = Sha256Hex.Of(Edited);
        Assert.IsType<CheckVerdict.Unchanged>(_decision.Decide(Extracted(Fetched(document, Page("<main>x</main>")), Edited)));
    }

    [Fact]
    public void A_text_served_within_the_variant_window_is_a_return_observed_on_the_row()
    {
        var document = Tracked();
        document.VersionCount = 2;
        document.CurrentSha256 = Sha256Hex.Of(Edited);
        var facts = Extracted(Fetched(document, Page("<main>back</main>")), Served);
        Assert.IsType<CheckVerdict.NeedsVariants>(_decision.Decide(facts));

        var versions = new KnownVariants([Version(1, Served, Now.AddDays(-10)), Version(2, Edited, Now.AddDays(-5))], []);
        var verdict = _decision.Decide(facts with { Variants = versions });

        var observation = Assert.IsType<CheckVerdict.ReturnedToVariant>(verdict).Observation;
        Assert.Equal((1L, 2L, "chain2"), (observation.Sequence, observation.AnchorSequence, observation.AnchorChainHash));
        var row = Applied(verdict, document);
        Assert.Equal((Sha256Hex.Of(Served), 1L, 2L), (row.ServedSha256!, row.ServedSequence!.Value, row.VersionCount));
        Assert.Equal((Now, 0, "\"v2\""), (row.LastCheckedAt!.Value, row.ConsecutiveFailures, row.LastETag));

        var longAgo = new KnownVariants([Version(1, Served, Now.AddDays(-100)), Version(2, Edited, Now.AddDays(-90))], []);
        Assert.Equal([Sha256Hex.Of(Edited)], Assert.IsType<CheckVerdict.NeedsTexts>(_decision.Decide(facts with { Variants = longAgo })).Sha256s);
        Assert.IsType<CheckVerdict.NeedsPlatform>(_decision.Decide(facts with { Variants = longAgo, Texts = Texts(Edited) }));
    }

    [Fact]
    public void An_observation_is_not_written_over_a_version_recorded_meanwhile()
    {
        var document = Tracked();
        var facts = Extracted(Fetched(document, Page("<main>x</main>")), Served) with { Variants = new KnownVariants([Version(1, Served, Now.AddDays(-1))], []) };
        document.ServedSha256 = Sha256Hex.Of(Edited); // served a variant, now back to the current text
        var verdict = _decision.Decide(facts with { Document = document });
        var later = document.Copy();
        later.VersionCount = 2;
        Assert.False(((CheckVerdict.Outcome)verdict).Row!(later));
    }

    [Fact]
    public void While_the_ledger_is_ahead_of_the_row_nothing_is_a_known_variant()
    {
        var document = Tracked();
        var facts = Extracted(Fetched(document, Page("<main>x</main>")), Edited) with
        {
            Variants = new KnownVariants([Version(1, Served, Now.AddDays(-3)), Version(2, Edited, Now.AddDays(-1))], []),
            Texts = Texts(Served),
        };
        Assert.IsType<CheckVerdict.NeedsPlatform>(_decision.Decide(facts));
    }

    [Fact]
    public void A_change_that_is_only_site_chrome_on_every_document_is_chrome_only_and_remembered()
    {
        var document = Tracked();
        var facts = Extracted(Fetched(document, Page("<main>x</main>")), "X 5 is live!\n\n" + Served) with { Variants = new KnownVariants([Version(1, Served, Now.AddDays(-1))], []), Texts = Texts(Served) };
        Assert.Equal(document.CurrentSha256, Assert.IsType<CheckVerdict.NeedsPlatform>(_decision.Decide(facts)).ServedSha256);

        var platform = new PlatformTexts("X 4 is live!\n\n" + Served, [(["X 4 is live!\n\n# Terms\n\nBe nice."], "X 5 is live!\n\n# Terms\n\nBe nice.")]);
        var verdict = _decision.Decide(facts with { Platform = platform });
        Assert.Equal(["X 5 is live!"], Assert.IsType<CheckVerdict.ChromeOnly>(verdict).Chrome.Added);
        Assert.Equal(Sha256Hex.Of("X 5 is live!\n\n" + Served), Applied(verdict, document).ChromeEquivalentSha256);

        Assert.IsType<CheckVerdict.NewVersion>(_decision.Decide(facts with { Platform = PlatformTexts.None }));
    }

    [Fact]
    public void A_new_text_is_a_new_version_carrying_what_was_fetched()
    {
        var document = Tracked();
        var facts = Extracted(Fetched(document, Page("<main>edited</main>")), Edited) with
        {
            Variants = new KnownVariants([Version(1, Served, Now.AddDays(-1))], []),
            Texts = Texts(Served),
            Platform = PlatformTexts.None,
        };
        var created = Assert.IsType<CheckVerdict.NewVersion>(_decision.Decide(facts));
        Assert.Equal(Sha256Hex.Of(Edited), created.Candidate.TextSha256);
        Assert.Equal(("\"v2\"", facts.RawSha256), (created.Fetched!.ETag, created.Fetched.RawSha256));
        Assert.Null(created.Row);
    }

    [Fact]
    public void A_first_version_needs_neither_variants_nor_the_platform()
    {
        var document = New();
        var facts = Fetched(document, Page("<main>first</main>"));
        Assert.Null(Assert.IsType<CheckVerdict.NeedsPages>(_decision.Decide(facts with { Pages = null })).Validators);
        Assert.IsType<CheckVerdict.NeedsText>(_decision.Decide(facts));
        Assert.IsType<CheckVerdict.NewVersion>(_decision.Decide(Extracted(facts, Served)));
    }

    [Fact]
    public void An_import_compares_text_only_and_never_asks_the_platform()
    {
        var document = Tracked();
        var facts = Fetched(document, Page("<main>served</main>"), live: false);
        Assert.IsType<CheckVerdict.NeedsText>(_decision.Decide(facts)); // no raw fast path: the capture may be older than the declaration
        var same = Assert.IsType<CheckVerdict.Unchanged>(_decision.Decide(Extracted(facts, Served)));
        Assert.False(same.Row(document.Copy()), "an import writes nothing for a capture with the served text");

        var edited = Extracted(facts, Edited) with { Variants = new KnownVariants([Version(1, Served, Now.AddDays(-1))], []), Texts = Texts(Served) };
        var created = Assert.IsType<CheckVerdict.NewVersion>(_decision.Decide(edited));
        Assert.Null(created.Fetched);
        Assert.Equal("import", created.Candidate.Origin);
    }

    [Fact]
    public void A_text_diff_shows_no_change_from_is_not_a_version_and_is_remembered()
    {
        const string footer = "# Privacy\n\nWe keep logs for a year.\n\n### Company\n\n- [Careers](https://acme.example/careers)\n";
        var document = Tracked();
        document.CurrentSha256 = Sha256Hex.Of(footer);
        var relevelled = footer.Replace("### Company", "## Company");
        var facts = Extracted(Fetched(document, Page("<main>x</main>")), relevelled) with { Variants = new KnownVariants([Version(1, footer, Now.AddDays(-1))], []) };
        Assert.Equal([Sha256Hex.Of(footer)], Assert.IsType<CheckVerdict.NeedsTexts>(_decision.Decide(facts)).Sha256s);

        var verdict = _decision.Decide(facts with { Texts = Texts(footer) });

        Assert.StartsWith("same text as diff shows it", Assert.IsType<CheckVerdict.Unchanged>(verdict).Detail);
        Assert.Equal("No changes", new ChangeSummarizer().Summarize(footer, relevelled).Describe());
        Assert.Equal(Sha256Hex.Of(relevelled), Applied(verdict, document).ChromeEquivalentSha256);
        Assert.IsType<CheckVerdict.Unchanged>(_decision.Decide(Extracted(Fetched(Applied(verdict, document), Page("<main>y</main>")), relevelled)));
    }

    [Theory]
    [InlineData("# Privacy\n\nWe keep logs for a year.\n", "## Privacy\n\nWe keep logs for a year.\n")]              // heading level
    [InlineData("# Privacy\n\nWe keep logs for a year.\n", "# PRIVACY\n\nWe keep logs for a year.\n")]              // heading capitals
    [InlineData("# Privacy\n\n## 3. Logs\n\nWe keep logs.\n", "# Privacy\n\n## 4. Logs\n\nWe keep logs.\n")]   // heading number
    [InlineData("# Privacy\n\nWe keep logs for a year.\n", "# Privacy\n\nWe keep logs for **a year**.\n")]          // emphasis: shown
    [InlineData("# Privacy\n\n- logs\n- cookies\n", "# Privacy\n\n1. logs\n2. cookies\n")]                       // list markers: shown
    [InlineData("# Privacy\n\nSee [terms](https://a.example/t).\n", "# Privacy\n\nSee [terms](https://a.example/t2).\n")] // link target
    [InlineData("# Privacy\n\nWe keep logs for a year.\n", "# Privacy\n\nWe keep logs\nfor a year.\n")]          // a line break
    [InlineData("# A\n\nOne.\n\n# B\n\nTwo.\n", "# B\n\nTwo.\n\n# A\n\nOne.\n")]                            // sections moved
    [InlineData("# Privacy\n\nWe keep logs for a year.\n", "# Privacy\n\nWe keep logs for two years.\n")]        // words
    public void A_new_text_is_a_version_exactly_when_diff_shows_a_change(string served, string candidate)
    {
        var document = Tracked();
        document.CurrentSha256 = Sha256Hex.Of(served);
        var facts = Extracted(Fetched(document, Page("<main>x</main>")), candidate) with
        {
            Variants = new KnownVariants([Version(1, served, Now.AddDays(-1))], []),
            Texts = Texts(served),
            Platform = PlatformTexts.None,
        };

        var diff = new ChangeSummarizer().Compare(served, candidate);
        var verdict = _decision.Decide(facts);

        Assert.Equal(diff.Summary.HasChanges, verdict is CheckVerdict.NewVersion);
        Assert.Equal(!diff.Summary.HasChanges, verdict is CheckVerdict.Unchanged);
        Assert.Equal(diff.Summary.HasChanges, DiffExcerpt.Build(diff).TotalChangedCharacters > 0 || diff.Summary.SectionsMoved + diff.Summary.SectionsRenamed > 0);
    }

    [Fact]
    public void While_a_variant_is_served_a_text_diff_shows_no_change_from_the_latest_version_is_a_return_to_it()
    {
        var document = Tracked();
        document.VersionCount = 2;
        document.CurrentSha256 = Sha256Hex.Of(Edited);
        document.ServedSha256 = Sha256Hex.Of(Served);
        document.ServedSequence = 1;
        var relevelled = Edited.Replace("# Privacy", "## Privacy");
        var facts = Extracted(Fetched(document, Page("<main>x</main>")), relevelled) with
        {
            Variants = new KnownVariants([Version(1, Served, Now.AddDays(-10)), Version(2, Edited, Now.AddDays(-5))], []),
        };
        Assert.Equal([Sha256Hex.Of(Served), Sha256Hex.Of(Edited)], Assert.IsType<CheckVerdict.NeedsTexts>(_decision.Decide(facts)).Sha256s);

        var verdict = _decision.Decide(facts with { Texts = Texts(Served, Edited) });

        var observation = Assert.IsType<CheckVerdict.ReturnedToVariant>(verdict).Observation;
        Assert.Equal((2L, Sha256Hex.Of(Edited)), (observation.Sequence, observation.TextSha256));
        var row = Applied(verdict, document);
        Assert.Equal(((string?)null, (long?)null), (row.ServedSha256, row.ServedSequence));
    }

    [Fact]
    public void Pointing_the_row_at_a_new_version_makes_it_current_and_owed()
    {
        var document = Tracked();
        document.ServedSha256 = "variant";
        document.ServedSequence = 1;
        document.ChromeEquivalentSha256 = "chrome";
        var version = Version(2, Edited, Now);
        version.NoticeSent = false;
        version.RawSha256 = "raw2";
        version.DeclarationSha256 = "declaration2";
        var row = document.Copy();

        Assert.True(DocumentRowChanges.PointedAt(version, new DocumentRowChanges.Fetched("raw2", "\"v2\"", null, NotModified: false, SettlesMissingRaw: false))(row));

        Assert.Equal((2L, Sha256Hex.Of(Edited), "chain2", "declaration2", "raw2"), (row.VersionCount, row.CurrentSha256!, row.CurrentChainHash!, row.CurrentDeclarationSha256!, row.LastRawSha256!));
        Assert.Equal(((string?)null, (long?)null, (string?)null), (row.ServedSha256, row.ServedSequence, row.ChromeEquivalentSha256));
        Assert.Equal((2L, Now, Now, "\"v2\"", 0), (row.NoticePendingSequence!.Value, row.LastChangedAt!.Value, row.LastCheckedAt!.Value, row.LastETag!, row.ConsecutiveFailures));

        var ahead = row.Copy();
        ahead.NoticePendingSequence = null;
        Assert.True(DocumentRowChanges.PointedAt(version)(ahead), "a row already at the version still takes its owed notice");
        Assert.Equal(2L, ahead.NoticePendingSequence);
        Assert.False(DocumentRowChanges.PointedAt(version)(ahead), "and nothing more");
    }
}
