using System.Diagnostics;
using System.Globalization;
using Snapshots.Extraction;
using Snapshots.Fetching;
using Snapshots.Catalog;
using Snapshots.Tests.Hostile;

// Peak memory of extracting each hostile PDF (HostilePdfs), one fresh process per PDF so that each peak is its own:
//   dotnet run -c Release --project eval/hostile/PdfPeak            # generate, measure all, print a Markdown table
//   dotnet run -c Release --project eval/hostile/PdfPeak -- FILE    # measure one PDF in this process
// Peak = VmHWM (peak resident set) of the process, which includes the .NET runtime itself ("baseline" row: no extraction).
if (args.Length == 1) return Measure(args[0]);

var folder = Directory.CreateTempSubdirectory("snapshots-pdfpeak-");
try
{
    Console.WriteLine("| PDF | size | outcome | time | peak RSS |");
    Console.WriteLine("|---|--:|---|--:|--:|");
    var empty = Path.Combine(folder.FullName, "baseline.pdf");
    File.WriteAllBytes(empty, []);
    Console.WriteLine(Child(empty, "baseline (no extraction)"));
    foreach (var (name, pdf) in HostilePdfs.All())
    {
        var file = Path.Combine(folder.FullName, name + ".pdf");
        File.WriteAllBytes(file, pdf);
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
    var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(HostilePdfs).Assembly.Location);
    start.ArgumentList.Add(file);
    using var process = Process.Start(start)!;
    var line = process.StandardOutput.ReadToEnd().Trim();
    process.WaitForExit();
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
        var page = new FetchedPage(new Uri("https://example.test/terms.pdf"), new Uri("https://example.test/terms.pdf"), 200, MediaTypes.Pdf, bytes, null, null, false);
        try
        {
            var text = new DocumentExtractor().Extract(page, new SourceDeclaration("https://example.test/terms.pdf", [new CssSelector("body")], []));
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
