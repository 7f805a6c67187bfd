using System.Diagnostics;
using System.Globalization;
using Snapshots.Extraction;
using Snapshots.Fetching;
using Snapshots.Catalog;
using Snapshots.Tests.Hostile;

// Peak memory of extracting each hostile PDF (HostilePdfs) and page (HostilePages), one fresh process per file so that each
// peak is its own:
//   dotnet run -c Release --project eval/hostile/PdfPeak                 # generate, measure all, print a Markdown table
//   dotnet run -c Release --project eval/hostile/PdfPeak -- --only NAME  # only the files whose name contains NAME
//   dotnet run -c Release --project eval/hostile/PdfPeak -- FILE         # measure one PDF or .html page in this process
// Peak = VmHWM (peak resident set) of the process, which includes the .NET runtime itself ("baseline" row: no extraction).
// Each child's managed heap is capped at 6 GiB (DOTNET_GCHeapHardLimit), so an unbounded extraction ends in an
// OutOfMemoryException instead of taking the machine; a child that dies (stack overflow, heap cap) is named with its exit code.
if (args.Length == 1) return Measure(args[0]);
var only = args.Length == 2 && args[0] == "--only" ? args[1] : "";

var folder = Directory.CreateTempSubdirectory("snapshots-pdfpeak-");
try
{
    Console.WriteLine("| PDF | size | outcome | time | peak RSS |");
    Console.WriteLine("|---|--:|---|--:|--:|");
    var empty = Path.Combine(folder.FullName, "baseline.pdf");
    File.WriteAllBytes(empty, []);
    Console.WriteLine(Child(empty, "baseline (no extraction)"));
    foreach (var (name, pdf) in HostilePdfs.All().Where(p => p.Name.Contains(only, StringComparison.Ordinal)))
    {
        var file = Path.Combine(folder.FullName, name + ".pdf");
        File.WriteAllBytes(file, pdf);
        Console.WriteLine(Child(file, name));
    }
    foreach (var (name, html) in HostilePages.All().Where(p => p.Name.Contains(only, StringComparison.Ordinal)))
    {
        var file = Path.Combine(folder.FullName, name + ".html");
        File.WriteAllText(file, html);
        Console.WriteLine(Child(file, name));
    }
    return 0;
}
finally
{
    folder.Delete(recursive: true);
}

static string Child(string file, string name)
{
    var self = Environment.ProcessPath!;
    var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    start.Environment["DOTNET_GCHeapHardLimit"] = "0x180000000";
    if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(HostilePdfs).Assembly.Location);
    start.ArgumentList.Add(file);
    using var process = Process.Start(start)!;
    var error = process.StandardError.ReadToEndAsync();
    var line = process.StandardOutput.ReadToEnd().Trim();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        var first = error.Result.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";
        line = $"died (exit code {process.ExitCode}): {first.Replace("|", "/", StringComparison.Ordinal)} | - | - |";
    }
    var size = new FileInfo(file).Length;
    return $"| {name} | {size / 1024.0:0.#} KiB | {line}";
}

static int Measure(string file)
{
    var bytes = File.ReadAllBytes(file);
    var watch = Stopwatch.StartNew();
    string outcome;
    if (bytes.Length == 0) outcome = "-";
    else
    {
        var html = file.EndsWith(".html", StringComparison.Ordinal);
        var url = new Uri(html ? "https://example.test/terms" : "https://example.test/terms.pdf");
        var page = new FetchedPage(url, url, 200, html ? MediaTypes.Html : MediaTypes.Pdf, bytes, null, null, false, html ? "utf-8" : null);
        try
        {
            var text = new DocumentExtractor().Extract(page, new SourceDeclaration(url.AbsoluteUri, [new CssSelector("body")], []));
            outcome = $"extracted {text.Length:N0} characters";
        }
        catch (ExtractionException e)
        {
            outcome = "refused: " + e.Message.Replace("|", "/", StringComparison.Ordinal);
        }
    }
    var peak = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    var kib = long.Parse(peak["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    Console.WriteLine($"{outcome} | {watch.Elapsed.TotalSeconds:0.0} s | {kib / 1024.0:0} MiB |");
    return 0;
}
