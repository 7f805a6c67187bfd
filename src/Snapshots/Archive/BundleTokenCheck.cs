using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Org.BouncyCastle.Security;
using Snapshots.Text;
using Org.BouncyCastle.X509;

namespace Snapshots.Archive;

/// <summary>
/// The long-term timestamps of one version in a bundle, checked the way VERIFY.md's step 4 does with openssl, in code: every
/// token <c>timestamps/tokens.txt</c> lists (each authority's, and every renewal) against what it stamps (the version's
/// <c>chain.txt</c>, or a renewal input whose every listed file must hash as listed: <c>sha256sum -c</c>), its signature and
/// its signer's chain (with the chain file beside it as untrusted help) up to the trust anchors configured where this runs
/// (<see cref="TimestampValidator"/>, never a root from the bundle), the time the index gives for it; and each revocation
/// answer stored for it, the revocation lists it lists and the OCSP answers <c>timestamps/ocsp.txt</c> lists
/// (<see cref="RevocationCheck.ProblemOf"/>, at the token's time), with a certificate that names a revocation source but has
/// no answer named. Every problem names the token's file.
/// </summary>
internal static class BundleTokenCheck
{
    public static void Check(IReadOnlyDictionary<string, BundleFile> files, string versionFolder, string chainSha256, DateTimeOffset capturedAt,
        TimestampValidator validator, TimeSpan tolerance, Action<string> problem)
    {
        var folder = versionFolder + LongTermTimestampFiles.Folder;
        if (!files.TryGetValue(folder + LongTermTimestampFiles.Index, out var index)) return;
        if (index.Bytes is null) { problem($"{folder}{LongTermTimestampFiles.Index} could not be read"); return; }
        var ocsp = OcspLines(files, folder, problem);
        foreach (var line in Encoding.ASCII.GetString(index.Bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 5 || !long.TryParse(parts[3], System.Globalization.CultureInfo.InvariantCulture, out var epoch) || parts.Where((p, i) => i != 1).Any(p => p.Contains('/')))
            {
                problem($"{folder}{LongTermTimestampFiles.Index}: '{VisibleText.Bounded(line, 80)}' is not 'token data chain time check answers…'");
                continue;
            }
            var (token, data, chainName) = (parts[0], parts[1], parts[2]);
            var name = folder + token;
            if (Read(files, name, problem) is not { } bytes) continue;

            string imprint;
            if (data == "../chain.txt") imprint = chainSha256;
            else if (data.Contains('/') || !files.TryGetValue(folder + data, out var input) || input.Bytes is null) { problem($"{name}: what it stamps, {folder}{data}, is missing"); continue; }
            else
            {
                imprint = input.Sha256;
                RenewalProblems(files, folder, data, input.Bytes, name, problem);
            }

            var chain = new X509Certificate2Collection();
            if (Read(files, folder + chainName, problem) is { } pem)
            {
                try { chain.ImportFromPem(Encoding.ASCII.GetString(pem)); }
                catch (CryptographicException e) { problem($"{name}: its certificate chain {folder}{chainName} is not PEM: {e.Message}"); }
            }
            var verdict = validator.Check(bytes, imprint, capturedAt, chain.Cast<X509Certificate2>());
            foreach (var p in verdict.Problems) problem($"{name}: {p}");
            if (verdict.Facts is not { } facts) continue;
            if (facts.GenTime.ToUnixTimeSeconds() != epoch)
                problem($"{name}: {LongTermTimestampFiles.Index} gives its time as {epoch}, the token says {facts.GenTime.ToUnixTimeSeconds()} ({HashChain.FormatTime(facts.GenTime)})");

            var answers = new List<(int Position, string Kind, string File)>();
            foreach (var crl in parts.Skip(5))
                answers.Add((CrlPosition(files, folder + crl, chain), RevocationCheck.Kind, crl));
            foreach (var (position, file) in ocsp.Where(o => o.Token == token && o.Chain == chainName).Select(o => (o.Position, o.File)))
                answers.Add((position, OcspCheck.Kind, file));
            for (var i = 0; i + 1 < chain.Count; i++)
            {
                var mine = answers.Where(a => a.Position == i).ToList();
                if (mine.Count == 0 && RevocationCheck.NamesASource(chain[i]))
                    problem($"{name}: certificate '{chain[i].Subject}' names a revocation list or OCSP responder and the bundle holds no answer for it");
                foreach (var answer in mine)
                {
                    if (Read(files, folder + answer.File, problem) is not { } raw) continue;
                    if (RevocationCheck.ProblemOf(answer.Kind, raw, chain[i], chain[i + 1], facts.GenTime, tolerance) is { } bad)
                        problem($"{name}: certificate '{chain[i].Subject}': {bad} ({folder}{answer.File})");
                }
            }
            foreach (var stray in answers.Where(a => a.Position < 0 || a.Position + 1 >= chain.Count))
                problem($"{name}: {folder}{stray.File} answers for no certificate of its chain below the root");
        }
    }

    /// <summary>The lines of <c>ocsp.txt</c>: token, answer, chain, the certificate's place in the chain (0-based here).</summary>
    private static List<(string Token, string File, string Chain, int Position)> OcspLines(IReadOnlyDictionary<string, BundleFile> files, string folder, Action<string> problem)
    {
        var lines = new List<(string, string, string, int)>();
        if (!files.TryGetValue(folder + LongTermTimestampFiles.OcspIndex, out var index) || index.Bytes is null) return lines;
        foreach (var line in Encoding.ASCII.GetString(index.Bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 5 || !int.TryParse(parts[3], System.Globalization.CultureInfo.InvariantCulture, out var position) || position < 1 || parts.Any(p => p.Contains('/')))
            {
                problem($"{folder}{LongTermTimestampFiles.OcspIndex}: '{VisibleText.Bounded(line, 80)}' is not 'token answer chain position time'");
                continue;
            }
            lines.Add((parts[0], parts[1], parts[2], position - 1));
        }
        return lines;
    }

    /// <summary>The place in the chain of the certificate whose issuer issued the revocation list; -1 when none did.</summary>
    private static int CrlPosition(IReadOnlyDictionary<string, BundleFile> files, string path, X509Certificate2Collection chain)
    {
        if (!files.TryGetValue(path, out var file) || file.Bytes is null) return 0;
        try
        {
            var issuer = new X509CrlParser().ReadCrl(file.Bytes)?.IssuerDN;
            if (issuer is null) return 0;
            for (var i = 0; i + 1 < chain.Count; i++)
                if (DotNetUtilities.FromX509Certificate(chain[i + 1]).SubjectDN.Equivalent(issuer)) return i;
            return -1;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return 0; // Not a CRL: checked against the signer, where the check names it.
        }
    }

    /// <summary>A renewal input: every line a <c>sha256  file</c> of this folder that hashes as listed.</summary>
    private static void RenewalProblems(IReadOnlyDictionary<string, BundleFile> files, string folder, string input, byte[] text, string name, Action<string> problem)
    {
        foreach (var line in Encoding.ASCII.GetString(text).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split("  ", 2);
            if (parts.Length != 2 || parts[0].Length != 64 || parts[1].Contains('/'))
                problem($"{name}: its renewal input {folder}{input} has a line that is not 'sha256  file': {VisibleText.Bounded(line, 80)}");
            else if (!files.TryGetValue(folder + parts[1], out var listed)) problem($"{name}: the renewed evidence {folder}{parts[1]} is missing");
            else if (listed.Sha256 != parts[0]) problem($"{name}: the renewed evidence {folder}{parts[1]} does not hash to {parts[0]}, as its renewal input {input} says");
        }
    }

    private static byte[]? Read(IReadOnlyDictionary<string, BundleFile> files, string path, Action<string> problem)
    {
        if (files.TryGetValue(path, out var file) && file.Bytes is not null) return file.Bytes;
        problem($"{path} is missing");
        return null;
    }
}
