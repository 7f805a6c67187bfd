using System.Net;
using Snapshots.IntegrationTests.Fetching;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Hostile;

/// <summary>
/// A scripted page (executeClientScripts) tries every way a browser has of making a request on its own, towards internal
/// listeners on 127.0.0.1 and [::1] (ports the policy refuses: only the page's own site is opened, by
/// Fetch:AllowedPrivateEndpoints) and towards the metadata addresses 169.254.169.254 and fd00:ec2::254. No listener may see a
/// connection, with a local browser (behind the guard's proxy) and with a remote one (Fetch:Browser:Endpoint, a Chromium over
/// CDP on loopback that has no proxy of ours). Where the vector is meant to work for allowed addresses, a "canary" request to
/// the site shows that it did run; where it is meant to be off (speculative loading, service and shared workers), the
/// canary shows that it did not.
/// </summary>
[Trait("Category", "Hostile")]
public sealed class BrowserEscapeProbes
{
    public static TheoryData<bool> Modes => [false, true];

    private sealed class Probe : IAsyncDisposable
    {
        private RemoteChromium? _remote;
        public required TrackedSite Site { get; init; }
        public required InternalListener V4 { get; init; }
        public required InternalListener V6 { get; init; }

        public static async Task<Probe> StartAsync(bool remote, Dictionary<string, string?>? settings = null)
        {
            // Nothing blocked by type or host: every request the page makes must meet the guard, which is what these probes test.
            var values = new Dictionary<string, string?> { ["Fetch:Browser:BlockImagesMediaAndFonts"] = "false", ["Fetch:Browser:BlockTrackers"] = "false" };
            foreach (var (key, value) in settings ?? []) values[key] = value;
            var chromium = remote ? await RemoteChromium.StartAsync() : null;
            if (chromium is not null) values["Fetch:Browser:Endpoint"] = chromium.Endpoint;
            return new Probe
            {
                _remote = chromium,
                Site = await TrackedSite.StartRenderedAsync(values, openOnlyTheSite: true),
                V4 = new InternalListener(IPAddress.Loopback),
                V6 = new InternalListener(IPAddress.IPv6Loopback),
            };
        }

        public string S => Site.Site.BaseUri.AbsoluteUri.TrimEnd('/');
        public string T4 => V4.BaseUrl;
        public string T6 => V6.BaseUrl;
        public string Refusals => string.Join("\n", Site.Renderer.Refusals);
        /// <summary>How many refusals name one of the internal listeners (the browser's own background requests are left out).</summary>
        public int RefusalsOfTheTargets => Site.Renderer.Refusals.Count(r => r.StartsWith(V4.Authority, StringComparison.Ordinal) || r.StartsWith(V6.Authority, StringComparison.Ordinal));

        public int Canary(string name) => Site.Site.RequestCount("/canary-" + name);

        public void Script(string path, string js) => Site.Site.Page(path, js, "text/javascript");

        public async Task<Snapshots.Tracking.CaptureOutcome> CheckAsync(string html, params string[] select)
        {
            var id = await Site.TrackScriptedAsync("Privacy Policy", "/page", html, select);
            return await Site.CheckAsync(id);
        }

        /// <summary>Neither internal listener saw as much as a connection.</summary>
        public void AssertNothingReached()
        {
            Assert.Empty(V4.Seen);
            Assert.Empty(V6.Seen);
        }

        public async ValueTask DisposeAsync()
        {
            await Site.DisposeAsync();
            await V4.DisposeAsync();
            await V6.DisposeAsync();
            if (_remote is not null) await _remote.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_script_navigation_and_a_popup_to_internal_addresses_reach_nothing(bool remote)
    {
        await using var p = await Probe.StartAsync(remote, new() { ["Fetch:Timeout"] = "00:00:06" });
        var html = $$"""
            <html><body><main>Terms</main><script>
              window.open('{{p.T6}}/popup');
              setTimeout(() => location = '{{p.T4}}/navigation', 50);
            </script></body></html>
            """;

        await p.CheckAsync(html, "#never");

        p.AssertNothingReached();
        Assert.Contains($"{p.V4.Authority}: refused address 127.0.0.1 (loopback)", p.Refusals);
        Assert.Contains($"{p.V6.Authority}: refused address ::1 (loopback)", p.Refusals);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_meta_refresh_to_an_internal_address_reaches_nothing(bool remote)
    {
        await using var p = await Probe.StartAsync(remote, new() { ["Fetch:Timeout"] = "00:00:06" });
        var html = $"""<html><head><meta http-equiv="refresh" content="0;url={p.T6}/refresh"></head><body><main>Terms</main></body></html>""";

        await p.CheckAsync(html, "#never");

        p.AssertNothingReached();
        Assert.Contains($"{p.V6.Authority}: refused address ::1 (loopback)", p.Refusals);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Prerendering_and_speculative_loading_are_off(bool remote)
    {
        await using var p = await Probe.StartAsync(remote);
        var html = $$"""
            <html><head>
              <link rel="prerender" href="{{p.T4}}/link-prerender">
              <script type="speculationrules">{
                "prerender": [{ "source": "list", "urls": ["{{p.T4}}/rules-prerender", "{{p.T6}}/rules-prerender", "{{p.S}}/canary-prerender"] }],
                "prefetch": [{ "source": "list", "urls": ["{{p.T6}}/rules-prefetch", "{{p.T4}}/rules-prefetch", "{{p.S}}/canary-prefetch"] }]
              }</script>
            </head><body><main>Terms</main><p id="wait"></p><script>
              setTimeout(() => document.getElementById('wait').innerHTML = '<span id="done">waited</span>', 1500);
            </script></body></html>
            """;

        var outcome = await p.CheckAsync(html, "#done");
        await Task.Delay(500);

        Assert.Equal(Snapshots.Tracking.CaptureStatus.First, outcome.Status);
        p.AssertNothingReached();
        Assert.Equal(0, p.Canary("prerender"));
        Assert.Equal(0, p.Canary("prefetch"));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Requests_from_dedicated_and_shared_workers_reach_nothing_internal(bool remote)
    {
        await using var p = await Probe.StartAsync(remote);
        p.Script("/worker.js", $$"""
            Promise.all(['{{p.T4}}/worker', '{{p.T6}}/worker', 'http://169.254.169.254/worker', '{{p.S}}/canary-worker']
              .map(url => fetch(url).then(r => r.text(), () => 'refused'))).then(() => postMessage('worker done'));
            try { importScripts('{{p.T6}}/import'); } catch (e) { }
            """);
        p.Script("/shared.js", $$"""
            onconnect = e => {
              const port = e.ports[0];
              Promise.all(['{{p.T4}}/shared', '{{p.T6}}/shared', '{{p.S}}/canary-shared']
                .map(url => fetch(url).then(r => r.text(), () => 'refused'))).then(() => port.postMessage('shared done'));
            };
            """);
        var html = $$"""
            <html><body><main id="report"></main><script>
              const report = text => document.getElementById('report').insertAdjacentHTML('beforeend', '<p>' + text + '</p>');
              const blob = URL.createObjectURL(new Blob(["fetch('{{p.T4}}/blob-worker').catch(() => {}).then(() => postMessage('blob done'))"]));
              const dedicated = new Promise(done => { const w = new Worker('/worker.js'); w.onmessage = e => done(e.data); w.onerror = () => done('worker failed'); });
              const fromBlob = new Promise(done => { const w = new Worker(blob); w.onmessage = e => done(e.data); w.onerror = () => done('blob failed'); });
              const shared = new Promise(done => {
                try { const s = new SharedWorker('/shared.js'); s.port.onmessage = e => done(e.data); s.onerror = () => done('shared failed'); }
                catch (e) { done('shared refused'); }
                setTimeout(() => done('shared silent'), 3000);
              });
              Promise.all([dedicated, fromBlob, shared]).then(lines => { lines.forEach(report); report('<span id="done">done</span>'); });
            </script></body></html>
            """;

        var outcome = await p.CheckAsync(html, "#done");
        await Task.Delay(500);

        Assert.Equal(Snapshots.Tracking.CaptureStatus.First, outcome.Status);
        p.AssertNothingReached();
        Assert.Equal(1, p.Canary("worker"));
        Assert.Contains($"{p.V4.Authority}: refused address 127.0.0.1 (loopback)", p.Refusals);
        Assert.Contains("169.254.169.254:80: refused address 169.254.169.254 (cloud metadata)", p.Refusals);
        Assert.Equal(0, p.Canary("shared"));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Service_workers_are_blocked_even_when_registered_from_a_fresh_frame(bool remote)
    {
        await using var p = await Probe.StartAsync(remote);
        p.Script("/sw.js", $$"""
            fetch('{{p.T4}}/service-worker').catch(() => {});
            self.addEventListener('install', e => e.waitUntil(Promise.all(
              ['{{p.T6}}/service-worker', '{{p.S}}/canary-service-worker'].map(url => fetch(url).catch(() => {})))));
            self.addEventListener('fetch', e => e.respondWith(fetch('{{p.T4}}/through-service-worker')));
            """);
        var html = """
            <html><body><main id="report"></main><script>
              const frame = document.createElement('iframe');
              document.body.append(frame);
              const attempts = [navigator.serviceWorker, frame.contentWindow.navigator.serviceWorker]
                .map(container => container.register('/sw.js').then(() => 'registered', e => 'refused'));
              Promise.all(attempts)
                .then(() => new Promise(done => setTimeout(done, 1500)))
                .then(() => fetch('/after-registration').catch(() => {}))
                .then(() => document.getElementById('report').innerHTML = '<span id="done">done</span>');
            </script></body></html>
            """;

        await p.CheckAsync(html, "#done");
        await Task.Delay(500);

        p.AssertNothingReached();
        Assert.Equal(0, p.Site.Site.RequestCount("/sw.js"));
        Assert.Equal(0, p.Canary("service-worker"));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Requests_a_page_keeps_making_after_the_capture_never_leave(bool remote)
    {
        await using var p = await Probe.StartAsync(remote);
        var html = $$"""
            <html><body><main id="done">Terms</main><script>
              setInterval(() => {
                fetch('{{p.S}}/canary-late').catch(() => {});
                fetch('{{p.T4}}/late').catch(() => {});
                navigator.sendBeacon('{{p.T6}}/late-beacon', 'x');
                new Image().src = '{{p.T4}}/late-image?' + Date.now();
              }, 100);
            </script></body></html>
            """;

        var outcome = await p.CheckAsync(html, "#done");
        var atCapture = p.Canary("late");
        var refusalsAtCapture = p.RefusalsOfTheTargets;
        await Task.Delay(1500);

        Assert.Equal(Snapshots.Tracking.CaptureStatus.First, outcome.Status);
        p.AssertNothingReached();
        Assert.True(atCapture > 0, "the page's polling ran before the capture");
        Assert.Equal(atCapture, p.Canary("late"));
        // The page polls every 100 ms (3 refused requests a round): a round it started just before the capture ended may
        // be refused after the check returns, while its reused context unloads it; a page still running would add about
        // 45 in the 1.5 s waited.
        Assert.InRange(p.RefusalsOfTheTargets - refusalsAtCapture, 0, 3);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Elements_beacons_event_sources_and_web_sockets_created_from_script_reach_nothing_internal(bool remote)
    {
        await using var p = await Probe.StartAsync(remote);
        var html = $$"""
            <html><body><main id="report"></main><script>
              const targets = ['{{p.T4}}', '{{p.T6}}', 'http://169.254.169.254', 'http://[fd00:ec2::254]'];
              for (const t of targets) {
                const frame = document.createElement('iframe'); frame.src = t + '/frame'; document.body.append(frame);
                const script = document.createElement('script'); script.src = t + '/script.js'; document.head.append(script);
                const style = document.createElement('link'); style.rel = 'stylesheet'; style.href = t + '/style.css'; document.head.append(style);
                const pre = document.createElement('link'); pre.rel = 'preconnect'; pre.href = t; document.head.append(pre);
                const image = document.createElement('img'); image.src = t + '/pixel.png'; document.body.append(image);
                navigator.sendBeacon(t + '/beacon', 'x');
                new EventSource(t + '/events');
                try { new WebSocket(t.replace('http', 'ws') + '/socket'); } catch (e) { }
              }
              navigator.sendBeacon('{{p.S}}/canary-beacon', 'x');
              setTimeout(() => document.getElementById('report').innerHTML = '<span id="done">done</span>', 1500);
            </script></body></html>
            """;

        var outcome = await p.CheckAsync(html, "#done");
        await Task.Delay(500);

        Assert.Equal(Snapshots.Tracking.CaptureStatus.First, outcome.Status);
        p.AssertNothingReached();
        Assert.Equal(1, p.Canary("beacon"));
        Assert.Contains($"{p.V4.Authority}: refused address 127.0.0.1 (loopback)", p.Refusals);
        Assert.Contains($"{p.V6.Authority}: refused address ::1 (loopback)", p.Refusals);
        Assert.Contains("169.254.169.254:80: refused address 169.254.169.254 (cloud metadata)", p.Refusals);
        Assert.Contains("[fd00:ec2::254]:80: refused address fd00:ec2::254 (cloud metadata)", p.Refusals);
    }
}
