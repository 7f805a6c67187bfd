using Snapshots.Changes;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Snapshots.Catalog;
using Snapshots.Provisions;
using Snapshots.Storage;

namespace Snapshots.Subscribers;

/// <summary>
/// The <c>subscribers</c> table: profiles (PK subscriber id, RK "profile") and the follower index (PK <c>follows~{platform}</c>,
/// RK subscriber id), kept consistent in one direction: an index row is written before a profile follows its platform and
/// deleted after the profile stops, so the index may hold a stale row but never misses a follower. Readers of the index
/// (<see cref="FollowersAsync"/>) re-check each profile. Profile updates use ETags: a lost race re-reads and re-applies.
/// Addresses appear in logs and messages only masked.
/// </summary>
public sealed class SubscriberDirectory(StorageClients storage, DocumentCatalog catalog, ProvisionLedger provisions, TimeProvider clock, ILogger<SubscriberDirectory> log)
{
    private const int MaxAttempts = 20;
    private readonly TableClient _table = storage.Subscribers;

    /// <summary>Adds a subscriber. Refused (nothing written): an invalid address, an unknown plan or platform, over the plan's limit, a duplicate.</summary>
    public async Task<SubscriberRecord> AddAsync(string email, string plan, IEnumerable<string> platforms, bool alerts = true, bool digest = true, CancellationToken ct = default)
    {
        var subscriber = NewSubscriber.Validate(email, plan, platforms, alerts, digest, await FollowedPlatforms.KnownAsync(catalog, ct));
        if (await FindAsync(subscriber.Address.Value, ct) is not null) throw new DuplicateSubscriberException(subscriber.Address);
        return await WriteNewAsync(subscriber, ct);
    }

    /// <summary>
    /// The subscriber with this address (compared case-insensitively) or id, or null. A profile written before addresses
    /// were compared case-insensitively is keyed by the hash of the address as typed (<see cref="EmailAddress.LegacyId"/>);
    /// it is found too, by that key or, typed in another case, by a scan of the profiles.
    /// </summary>
    public async Task<SubscriberRecord?> FindAsync(string emailOrId, CancellationToken ct = default)
    {
        var text = emailOrId.Trim();
        if (EmailAddress.IsSubscriberId(text)) return await FindByIdAsync(text, ct);
        var address = EmailAddress.Parse(text);
        if (await FindByIdAsync(address.Id, ct) is { } profile) return profile;
        if (address.LegacyId != address.Id && await FindByIdAsync(address.LegacyId, ct) is { } legacy) return legacy;
        return (await ListAsync(ct)).FirstOrDefault(p => address.Equals(EmailAddress.TryParse(p.Email, out var stored, out _) ? stored : null));
    }

    /// <summary>The stored subscriber id for an address or id: the profile's key when it exists, else the id the address would get.</summary>
    private async Task<string> IdOfAsync(string emailOrId, CancellationToken ct) =>
        (await FindAsync(emailOrId, ct))?.SubscriberId ?? IdOf(emailOrId);

    /// <summary>The subscriber with this address or id; <see cref="UnknownSubscriberException"/> if there is none.</summary>
    public async Task<SubscriberRecord> GetAsync(string emailOrId, CancellationToken ct = default) =>
        await FindAsync(emailOrId, ct) ?? throw new UnknownSubscriberException(Describe(emailOrId));

    /// <summary>Every subscriber profile, by address.</summary>
    public async Task<IReadOnlyList<SubscriberRecord>> ListAsync(CancellationToken ct = default)
    {
        var profiles = new List<SubscriberRecord>();
        await foreach (var profile in _table.QueryAsync<SubscriberRecord>(s => s.RowKey == SubscriberRecord.ProfileRowKey, cancellationToken: ct))
            profiles.Add(profile);
        return profiles.OrderBy(p => p.Email, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.PartitionKey, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Adds follows: platforms, provisions (<c>platform/terms-type/slug</c>) and clause types (<c>type:ID</c>), see <see cref="Follows"/>.
    /// Refused: an unknown platform, document, provision or clause type, or more platforms (a provision counts as its platform)
    /// than the plan allows (the message says which limit).
    /// </summary>
    public async Task<SubscriberRecord> FollowAsync(string emailOrId, IEnumerable<string> follows, CancellationToken ct = default)
    {
        var requested = Follows.Parse(follows);
        await EnsureExistAsync(requested, ct);
        var updated = await EditAsync(await IdOfAsync(emailOrId, ct), emailOrId, async profile =>
        {
            var current = profile.Follows;
            var next = current.Plus(requested);
            if (next.Words().SequenceEqual(current.Words(), StringComparer.Ordinal)) return false;
            var counted = current.CountedPlatforms;
            var adding = next.CountedPlatforms.Except(counted, StringComparer.Ordinal).ToList();
            var plan = Plans.Find(profile.Plan);
            if (counted.Count + adding.Count > plan.MaxPlatforms)
                throw PlanLimitException.Following(AddressOf(profile), plan, counted.Count, adding.Count);
            foreach (var platform in adding) await WriteIndexRowAsync(platform, profile.SubscriberId, ct);
            next.WriteTo(profile);
            return true;
        }, ct);
        log.LogInformation("Subscriber {Subscriber} follows {Follows}", AddressOf(updated), updated.Follows);
        return updated;
    }

    /// <summary>Stops following platforms, provisions or clause types (those not followed are ignored).</summary>
    public async Task<SubscriberRecord> UnfollowAsync(string emailOrId, IEnumerable<string> follows, CancellationToken ct = default)
    {
        var requested = Follows.Parse(follows);
        var removed = new List<string>();
        var updated = await EditAsync(await IdOfAsync(emailOrId, ct), emailOrId, profile =>
        {
            var current = profile.Follows;
            var next = current.Minus(requested);
            if (next.Words().SequenceEqual(current.Words(), StringComparer.Ordinal)) return Task.FromResult(false);
            removed = current.CountedPlatforms.Except(next.CountedPlatforms, StringComparer.Ordinal).ToList();
            next.WriteTo(profile);
            return Task.FromResult(true);
        }, ct);
        await DeleteIndexRowsAsync(updated.SubscriberId, removed, ct);
        log.LogInformation("Subscriber {Subscriber} follows {Follows}", AddressOf(updated), updated.Follows);
        return updated;
    }

    /// <summary>Every platform, provision and clause type of <paramref name="follows"/> exists; else the refusal names what does not.</summary>
    public async Task EnsureExistAsync(Follows follows, CancellationToken ct)
    {
        FollowedPlatforms.EnsureKnown(follows.Platforms, await FollowedPlatforms.KnownAsync(catalog, ct));
        foreach (var type in follows.ClauseTypes)
            if (ClauseTypeCatalog.Default.Find(type) is null) throw new UnknownFollowException($"no clause type '{type}' (the clause types are listed at /clause-types)");
        if (follows.Provisions.Count == 0) return;
        foreach (var provision in follows.Provisions)
        {
            if (await catalog.FindAsync(provision.Document, ct) is null) throw new UnknownFollowException($"no document '{provision.Document}' is tracked");
            if (!(await provisions.ListAsync(provision.Document, ct)).Any(m => m.FindBySlug(provision.Slug) is not null))
                throw new UnknownFollowException($"document '{provision.Document}' has no provision '{provision.Slug}' (its page {PublicSite.DocumentPath(provision.Document)} and snapshots provisions {provision.Document} list them)");
        }
    }

    /// <summary>Changes the plan. Refused: an unknown plan, or a plan whose limit is below the platforms followed (the message names them).</summary>
    public async Task<SubscriberRecord> SetPlanAsync(string emailOrId, string plan, CancellationToken ct = default)
    {
        var chosen = Plans.Find(plan);
        var updated = await EditAsync(await IdOfAsync(emailOrId, ct), emailOrId, profile =>
        {
            if (profile.Follows.CountedPlatforms.Count > chosen.MaxPlatforms) throw PlanLimitException.Downgrade(AddressOf(profile), chosen, profile.Follows.CountedPlatforms);
            if (profile.Plan == chosen.Name) return Task.FromResult(false);
            profile.Plan = chosen.Name;
            return Task.FromResult(true);
        }, ct);
        log.LogInformation("Subscriber {Subscriber} is on the {Plan} plan", AddressOf(updated), updated.Plan);
        return updated;
    }

    /// <summary>Turns same-day alerts or the weekly digest on or off; null leaves a preference as it is.</summary>
    /// <param name="minimumAlertSeverity">Same-day alerts only for changes at least this severe; <see cref="SeverityLevel.Low"/> means every change.</param>
    public async Task<SubscriberRecord> SetPreferencesAsync(string emailOrId, bool? alerts, bool? digest, CancellationToken ct = default,
        SeverityLevel? minimumAlertSeverity = null) =>
        await EditAsync(await IdOfAsync(emailOrId, ct), emailOrId, profile =>
        {
            var severity = minimumAlertSeverity is { } level ? ChangeSeverity.Name(level) : profile.MinimumAlertSeverity;
            var changed = (alerts is { } a && a != profile.AlertsEnabled) | (digest is { } d && d != profile.DigestEnabled)
                | (severity != profile.MinimumAlertSeverity);
            profile.AlertsEnabled = alerts ?? profile.AlertsEnabled;
            profile.DigestEnabled = digest ?? profile.DigestEnabled;
            profile.MinimumAlertSeverity = severity;
            return Task.FromResult(changed);
        }, ct);

    /// <summary>Records that a digest covering everything up to <paramref name="through"/> was sent; never moves the mark back.</summary>
    public Task<SubscriberRecord> MarkDigestSentAsync(string subscriberId, DateTimeOffset through, CancellationToken ct = default) =>
        EditAsync(IdOf(subscriberId), subscriberId, profile =>
        {
            if (profile.LastDigestThrough >= through) return Task.FromResult(false);
            profile.LastDigestThrough = through;
            return Task.FromResult(true);
        }, ct);

    /// <summary>Deletes the profile, then its follower index rows. Returns the profile that was removed.</summary>
    public async Task<SubscriberRecord> RemoveAsync(string emailOrId, CancellationToken ct = default)
    {
        var profile = await GetAsync(emailOrId, ct);
        try { await _table.DeleteEntityAsync(profile.PartitionKey, profile.RowKey, ETag.All, ct); }
        catch (RequestFailedException e) when (e.Status == 404) { }
        await DeleteIndexRowsAsync(profile.SubscriberId, profile.Follows.CountedPlatforms, ct);
        log.LogInformation("Removed subscriber {Subscriber}", AddressOf(profile));
        return profile;
    }

    /// <summary>
    /// The subscribers who follow <paramref name="platform"/>, read through the follower index (one partition, no scan of
    /// all subscribers); each profile is re-read and kept only if it still follows the platform, so a stale index row is ignored.
    /// </summary>
    public async Task<IReadOnlyList<SubscriberRecord>> FollowersAsync(string platform, CancellationToken ct = default)
    {
        var ids = new List<string>();
        var partition = FollowerRow.PartitionOf(platform);
        await foreach (var row in _table.QueryAsync<FollowerRow>(r => r.PartitionKey == partition, select: ["RowKey"], cancellationToken: ct))
            ids.Add(row.RowKey);

        var profiles = new SubscriberRecord?[ids.Count];
        await Parallel.ForAsync(0, ids.Count, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (i, token) => profiles[i] = await FindByIdAsync(ids[i], token));
        var stale = ids.Where((_, i) => profiles[i] is not { } p || !p.Follows.CountedPlatforms.Contains(platform, StringComparer.Ordinal)).Count();
        if (stale > 0) log.LogDebug("{Stale} stale follower index rows for {Platform} ignored", stale, platform);
        return profiles.OfType<SubscriberRecord>().Where(p => p.Follows.CountedPlatforms.Contains(platform, StringComparer.Ordinal)).ToList();
    }

    /// <summary>
    /// Imports subscribers from a CSV file (<c>email,plan,platforms[,alerts,digest]</c>). Every row is checked first; if any
    /// row is bad, <see cref="SubscriberImportException"/> lists each problem by line number and nothing is written.
    /// </summary>
    public async Task<IReadOnlyList<SubscriberRecord>> ImportCsvAsync(string path, CancellationToken ct = default)
    {
        string text;
        try { text = await File.ReadAllTextAsync(path, ct); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new SubscriberImportException(path, [$"cannot be read: {e.Message}"]); }

        var csv = SubscriberCsv.Parse(text);
        var problems = csv.Problems.ToList();
        var known = await FollowedPlatforms.KnownAsync(catalog, ct);
        var accepted = new List<NewSubscriber>();
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var existing = (await ListAsync(ct)).Select(p => EmailAddress.TryParse(p.Email, out var stored, out _) ? stored.Id : p.SubscriberId).ToHashSet(StringComparer.Ordinal);
        foreach (var row in csv.Rows)
        {
            try
            {
                var subscriber = NewSubscriber.Validate(row.Email, row.Plan, row.Platforms, row.Alerts ?? true, row.Digest ?? true, known);
                if (firstLineOf.TryGetValue(subscriber.Address.Id, out var first))
                    problems.Add(new SubscriberCsvProblem(row.Line, $"{subscriber.Address.Masked} is already on line {first}"));
                else if (existing.Contains(subscriber.Address.Id))
                    problems.Add(new SubscriberCsvProblem(row.Line, new DuplicateSubscriberException(subscriber.Address).Message));
                else
                    accepted.Add(subscriber);
                firstLineOf.TryAdd(subscriber.Address.Id, row.Line);
            }
            catch (Exception e) when (e is SubscriberRefusedException or UnknownPlanException)
            {
                problems.Add(new SubscriberCsvProblem(row.Line, e.Message));
            }
        }
        if (problems.Count > 0)
            throw new SubscriberImportException(path, problems.OrderBy(p => p.Line).Select(p => p.ToString()).ToList());

        var added = new List<SubscriberRecord>();
        foreach (var subscriber in accepted) added.Add(await WriteNewAsync(subscriber, ct));
        log.LogInformation("Imported {Count} subscribers from {Path}", added.Count, path);
        return added;
    }

    private async Task<SubscriberRecord> WriteNewAsync(NewSubscriber subscriber, CancellationToken ct)
    {
        var id = subscriber.Address.Id;
        var counted = subscriber.Follows.CountedPlatforms;
        foreach (var platform in counted) await WriteIndexRowAsync(platform, id, ct);
        var profile = new SubscriberRecord
        {
            PartitionKey = id,
            RowKey = SubscriberRecord.ProfileRowKey,
            Email = subscriber.Address.Value,
            Plan = subscriber.Plan.Name,
            AlertsEnabled = subscriber.AlertsEnabled,
            DigestEnabled = subscriber.DigestEnabled,
            CreatedAt = clock.GetUtcNow(),
        };
        subscriber.Follows.WriteTo(profile);
        try
        {
            var response = await _table.AddEntityAsync(profile, ct);
            profile.ETag = response.Headers.ETag ?? profile.ETag;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Added concurrently: take back the index rows the winner does not need.
            var winner = await FindByIdAsync(id, ct);
            await DeleteIndexRowsAsync(id, counted.Except(winner?.Follows.CountedPlatforms ?? [], StringComparer.Ordinal), ct);
            throw new DuplicateSubscriberException(subscriber.Address);
        }
        log.LogInformation("Added subscriber {Subscriber} on the {Plan} plan following {Follows}", subscriber.Address, profile.Plan, subscriber.Follows);
        return profile;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the latest profile and writes it with its ETag; on a lost race re-reads and
    /// re-applies. <paramref name="change"/> returns false to leave the profile as it is.
    /// </summary>
    private async Task<SubscriberRecord> EditAsync(string id, string who, Func<SubscriberRecord, Task<bool>> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var profile = await FindByIdAsync(id, ct) ?? throw new UnknownSubscriberException(Describe(who));
            if (!await change(profile)) return profile;
            try
            {
                var response = await _table.UpdateEntityAsync(profile, profile.ETag, TableUpdateMode.Replace, ct);
                profile.ETag = response.Headers.ETag ?? profile.ETag;
                return profile;
            }
            catch (RequestFailedException e) when (e.Status is 412 or 404 && attempt < MaxAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 50) * attempt), ct);
            }
        }
    }

    /// <summary>
    /// A sign-up from the web form, already validated. Nothing is followed: a new address gets a profile awaiting confirmation
    /// with the plan and follows (platforms, provisions, clause types) kept aside; an address awaiting confirmation gets a new single-use nonce
    /// (older links stop working); an active subscriber is left as is (the caller sends them their manage link instead); an
    /// address that unsubscribed is left as is and gets nothing (<see cref="SignUpAction.Suppressed"/>): anyone can type an
    /// address into the form, so a sign-up never overrides its owner's "no more mail" (they come back through <see cref="ResumeAsync"/>).
    /// At most <paramref name="maxRequests"/> requests per address per <paramref name="window"/>: past that nothing changes.
    /// </summary>
    public async Task<SignUpRequest> RequestSignUpAsync(NewSubscriber subscriber, int maxRequests, TimeSpan window, CancellationToken ct = default)
    {
        var id = subscriber.Address.Id;
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow();
            var nonce = SignedToken.NewNonce();
            var profile = await FindByIdAsync(id, ct);
            if (profile is null)
            {
                profile = new SubscriberRecord
                {
                    PartitionKey = id,
                    RowKey = SubscriberRecord.ProfileRowKey,
                    Email = subscriber.Address.Value,
                    Plan = Plans.Free.Name,
                    CreatedAt = now,
                    AwaitingConfirmation = true,
                    PendingPlan = subscriber.Plan.Name,
                    ConfirmationNonce = nonce,
                    AlertsEnabled = subscriber.AlertsEnabled,
                    DigestEnabled = subscriber.DigestEnabled,
                    RequestsInWindow = 1,
                    RequestWindowStart = now,
                };
                subscriber.Follows.WritePendingTo(profile);
                try { await _table.AddEntityAsync(profile, ct); }
                catch (RequestFailedException e) when (e.Status == 409 && attempt < MaxAttempts) { continue; }
                log.LogInformation("Sign-up requested by {Subscriber}: awaiting confirmation", subscriber.Address);
                return new SignUpRequest(SignUpAction.Confirm, id, nonce);
            }

            if (profile.Suppressed)
            {
                log.LogInformation("Sign-up for {Subscriber} ignored: the address unsubscribed on {At:u}; only a link sent to it can bring it back",
                    subscriber.Address, profile.UnsubscribedAt);
                return new SignUpRequest(SignUpAction.Suppressed, id, null);
            }
            if (profile.RequestWindowStart is not { } start || now - start >= window)
            {
                profile.RequestWindowStart = now;
                profile.RequestsInWindow = 0;
            }
            if (profile.RequestsInWindow >= maxRequests)
            {
                log.LogWarning("Sign-up for {Subscriber} refused: {Count} requests since {Start:u}", subscriber.Address, profile.RequestsInWindow, profile.RequestWindowStart);
                return new SignUpRequest(SignUpAction.RateLimited, id, null);
            }
            profile.RequestsInWindow++;
            var confirm = profile.AwaitingConfirmation;
            if (confirm)
            {
                profile.PendingPlan = subscriber.Plan.Name;
                subscriber.Follows.WritePendingTo(profile);
                profile.ConfirmationNonce = nonce;
                profile.AlertsEnabled = subscriber.AlertsEnabled;
                profile.DigestEnabled = subscriber.DigestEnabled;
            }
            try { await _table.UpdateEntityAsync(profile, profile.ETag, TableUpdateMode.Replace, ct); }
            catch (RequestFailedException e) when (e.Status is 412 or 404 && attempt < MaxAttempts) { continue; }
            return confirm ? new SignUpRequest(SignUpAction.Confirm, id, nonce) : new SignUpRequest(SignUpAction.SendManageLink, id, null);
        }
    }

    /// <summary>
    /// Confirms a sign-up whose link carries <paramref name="nonce"/>: the pending plan and follows replace what the profile
    /// followed (index rows first, one for every counted platform, then the profile; a platform no longer tracked is left out),
    /// the profile is no longer suppressed, and the nonce is cleared so the link works once. Null when the nonce is not the
    /// current one (used, replaced, or never issued).
    /// </summary>
    public async Task<SubscriberRecord?> ConfirmSignUpAsync(string subscriberId, string nonce, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var profile = await FindByIdAsync(subscriberId, ct);
            if (profile?.ConfirmationNonce is not { Length: > 0 } current || !string.Equals(current, nonce, StringComparison.Ordinal)) return null;
            var known = await FollowedPlatforms.KnownAsync(catalog, ct);
            var pending = Follows.PendingOf(profile);
            var wanted = new Follows(pending.Platforms.Where(known.Contains).ToList(),
                pending.Provisions.Where(p => known.Contains(p.Document.Platform)).ToList(), pending.ClauseTypes);
            var before = profile.Follows.CountedPlatforms;
            foreach (var platform in wanted.CountedPlatforms) await WriteIndexRowAsync(platform, subscriberId, ct);
            profile.Plan = Plans.Find(profile.PendingPlan ?? profile.Plan).Name;
            wanted.WriteTo(profile);
            profile.AwaitingConfirmation = false;
            profile.Suppressed = false;
            profile.UnsubscribedAt = null;
            profile.ConfirmationNonce = null;
            profile.PendingPlan = null;
            profile.PendingPlatforms = null;
            profile.PendingProvisions = null;
            profile.PendingClauseTypes = null;
            profile.ConfirmedAt = clock.GetUtcNow();
            try { await _table.UpdateEntityAsync(profile, profile.ETag, TableUpdateMode.Replace, ct); }
            catch (RequestFailedException e) when (e.Status is 412 && attempt < MaxAttempts) { continue; }
            await DeleteIndexRowsAsync(subscriberId, before.Except(wanted.CountedPlatforms, StringComparer.Ordinal), ct);
            log.LogInformation("Subscriber {Subscriber} confirmed: {Plan} plan following {Follows}", AddressOf(profile), profile.Plan, wanted);
            return profile;
        }
    }

    /// <summary>No more mail to this subscriber (one-click unsubscribe, the manage page): suppressed, with the time. Null if there is no such subscriber.</summary>
    public async Task<SubscriberRecord?> SuppressAsync(string subscriberId, CancellationToken ct = default)
    {
        if (await FindByIdAsync(subscriberId, ct) is null) return null;
        var now = clock.GetUtcNow();
        var profile = await EditAsync(subscriberId, subscriberId, p =>
        {
            if (p.Suppressed) return Task.FromResult(false);
            p.Suppressed = true;
            p.UnsubscribedAt = now;
            return Task.FromResult(true);
        }, ct);
        log.LogInformation("Subscriber {Subscriber} unsubscribed: no more mail", AddressOf(profile));
        return profile;
    }

    /// <summary>
    /// Mail again for a subscriber who unsubscribed, asked by its owner through a signed link sent to the address (the manage
    /// page): no longer suppressed, following what the profile follows. Null if there is no such subscriber.
    /// </summary>
    public async Task<SubscriberRecord?> ResumeAsync(string subscriberId, CancellationToken ct = default)
    {
        if (await FindByIdAsync(subscriberId, ct) is null) return null;
        var profile = await EditAsync(subscriberId, subscriberId, p =>
        {
            if (!p.Suppressed) return Task.FromResult(false);
            p.Suppressed = false;
            p.UnsubscribedAt = null;
            return Task.FromResult(true);
        }, ct);
        log.LogInformation("Subscriber {Subscriber} subscribed again through their own link", AddressOf(profile));
        return profile;
    }

    /// <summary>The profile stored under this subscriber id (as carried by queue messages), or null.</summary>
    public async Task<SubscriberRecord?> FindByIdAsync(string id, CancellationToken ct = default)
    {
        var response = await _table.GetEntityIfExistsAsync<SubscriberRecord>(id, SubscriberRecord.ProfileRowKey, cancellationToken: ct);
        return response.HasValue ? response.Value : null;
    }

    private async Task WriteIndexRowAsync(string platform, string subscriberId, CancellationToken ct) =>
        await _table.UpsertEntityAsync(new FollowerRow { PartitionKey = FollowerRow.PartitionOf(platform), RowKey = subscriberId }, TableUpdateMode.Replace, ct);

    /// <summary>Deletes index rows, then puts back any the profile follows again by now (a follow that raced this unfollow).</summary>
    private async Task DeleteIndexRowsAsync(string subscriberId, IEnumerable<string> platforms, CancellationToken ct)
    {
        var deleted = platforms.ToList();
        if (deleted.Count == 0) return;
        foreach (var platform in deleted)
        {
            try { await _table.DeleteEntityAsync(FollowerRow.PartitionOf(platform), subscriberId, ETag.All, ct); }
            catch (RequestFailedException e) when (e.Status == 404) { }
        }
        if (await FindByIdAsync(subscriberId, ct) is { } now)
            foreach (var platform in deleted.Intersect(now.Follows.CountedPlatforms, StringComparer.Ordinal))
                await WriteIndexRowAsync(platform, subscriberId, ct);
    }

    /// <summary>The subscriber id for an address or an id; anything else is an <see cref="InvalidEmailAddressException"/>.</summary>
    private static string IdOf(string emailOrId)
    {
        var text = emailOrId.Trim();
        if (EmailAddress.IsSubscriberId(text)) return text;
        return EmailAddress.Parse(text).Id;
    }

    private static string Describe(string emailOrId) =>
        EmailAddress.TryParse(emailOrId, out var address, out _) ? address.Masked : $"with id {emailOrId.Trim()}";

    private static EmailAddress AddressOf(SubscriberRecord profile) => EmailAddress.Parse(profile.Email);
}
