using System.Text;
using Snapshots.Benchmarks.Corpus;

namespace Snapshots.Benchmarks.Peer;

/// <summary>
/// urlwatch's files for the same pages: one job per document with a <c>css</c> filter on the same selection the
/// declaration makes (so both tools compare the policy text, not the whole page), and a configuration that reports nothing.
/// </summary>
public static class UrlwatchJobs
{
    public static void Write(PolicyCorpus corpus, Uri baseUri, string folder)
    {
        var jobs = new StringBuilder();
        foreach (var document in corpus.Documents)
        {
            if (jobs.Length > 0) jobs.Append("---\n");
            var selector = document.Layout == PageLayout.Article ? "article.policy" : "main";
            jobs.Append($"name: \"{document.PlatformName} {document.TermsType}\"\n");
            jobs.Append($"url: \"{new Uri(baseUri, document.Path).AbsoluteUri}\"\n");
            jobs.Append($"filter:\n  - css: \"{selector}\"\n");
        }
        File.WriteAllText(Path.Combine(folder, "urls.yaml"), jobs.ToString());
        File.WriteAllText(Path.Combine(folder, "urlwatch.yaml"), """
            display: {new: true, error: true, unchanged: false}
            report:
              text: {details: true, footer: false, line_length: 75, minimal: false, separate: false}
              stdout: {enabled: false, color: false}
              email: {enabled: false}
            """);
        File.WriteAllText(Path.Combine(folder, "hooks.py"), "");
    }

    public static IReadOnlyList<string> Arguments(string folder) =>
    [
        "--urls", Path.Combine(folder, "urls.yaml"),
        "--config", Path.Combine(folder, "urlwatch.yaml"),
        "--hooks", Path.Combine(folder, "hooks.py"),
        "--cache", Path.Combine(folder, "cache.db"),
    ];
}
