using System.Diagnostics;
using System.Net.Sockets;
using Snapshots.Catalog;

namespace Snapshots.Tests.Hostile;

/// <summary>
/// Declaration inputs that are not what they seem: a FIFO, a device or a socket named like a declaration (directly or through a
/// symlink), a platform name made only of invisible characters, a fetch URL with control characters. Each is refused with the
/// file named, within seconds (a hang fails the probe instead of hanging the suite) and before anything is read into memory.
/// </summary>
[Trait("Category", "Hostile")]
public sealed class DeclarationInputProbes : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private const string Valid = """{"name": "Example AI", "terms": {"Privacy Policy": {"fetch": "https://example.com/privacy"}}}""";

    private readonly string _folder = Directory.CreateTempSubdirectory("snapshots-input-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string json)
    {
        var file = Path.Combine(_folder, name);
        File.WriteAllText(file, json);
        return file;
    }

    private string Fifo(string name)
    {
        var file = Path.Combine(_folder, name);
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [file]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return file;
    }

    /// <summary>
    /// Runs <paramref name="read"/> with a deadline. Should the reader block in open() on a FIFO (as main did), the FIFO is then
    /// opened for writing once and closed, so the blocked reader sees end-of-file and its thread ends instead of leaking.
    /// </summary>
    private static DeclarationException RefusedWithin(Action read, string? fifo = null)
    {
        var work = Task.Run(read);
        try
        {
            if (!work.Wait(Patience)) Assert.Fail($"reading the declarations did not finish within {Patience.TotalSeconds} s (blocked on a FIFO or reading a device without end)");
        }
        catch (AggregateException e) when (e.InnerException is DeclarationException refused)
        {
            return refused;
        }
        finally
        {
            if (!work.IsCompleted && fifo is not null)
            {
                using (new FileStream(fifo, FileMode.Open, FileAccess.Write)) { }
                Task.WhenAny(work).Wait(Patience);
            }
        }
        Assert.Fail("the declarations were read without error");
        return null!;
    }

    [Fact]
    public void A_FIFO_named_like_a_declaration_in_a_folder_is_refused_with_its_name_not_waited_on()
    {
        Write("a.json", Valid);
        var fifo = Fifo("x.json");

        var error = RefusedWithin(() => DeclarationFiles.Read(_folder), fifo);

        Assert.Equal(fifo, error.File);
        Assert.Contains("FIFO", error.Message);
        Assert.Contains("not a regular file", error.Message);
    }

    [Fact]
    public void A_FIFO_given_as_the_declaration_file_is_refused()
    {
        var fifo = Fifo("only.json");

        var error = RefusedWithin(() => DeclarationParser.ParseFile(fifo), fifo);

        Assert.Equal(fifo, error.File);
        Assert.Contains("not a regular file", error.Message);
    }

    [Fact]
    public void A_symlink_to_dev_zero_is_refused_before_a_byte_is_read()
    {
        Write("a.json", Valid);
        var link = Path.Combine(_folder, "x.json");
        File.CreateSymbolicLink(link, "/dev/zero");
        // Counted on the reading thread only: the whole process's count takes in whatever tests run beside this one (in the
        // hostile suite, the extraction probes allocate hundreds of MiB at the same time).
        long allocated = 0;

        var error = RefusedWithin(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            try { DeclarationFiles.Read(_folder); }
            finally { allocated = GC.GetAllocatedBytesForCurrentThread() - before; }
        });

        Assert.Equal(link, error.File);
        Assert.Contains("character device", error.Message);
        Assert.True(allocated < 64 * 1024 * 1024, "the refusal read the device into memory");
    }

    [Fact]
    public void A_history_file_that_is_a_symlink_to_dev_zero_is_refused_with_its_name()
    {
        Write("example.json", Valid);
        var link = Path.Combine(_folder, "example.history.json");
        File.CreateSymbolicLink(link, "/dev/zero");

        var error = RefusedWithin(() => DeclarationFiles.Read(_folder));

        Assert.Equal(link, error.File);
        Assert.Contains("not a regular file", error.Message);
    }

    [Fact]
    public void A_history_file_that_is_a_FIFO_is_refused_with_its_name()
    {
        Write("example.json", Valid);
        var fifo = Fifo("example.history.json");

        var error = RefusedWithin(() => DeclarationFiles.Read(_folder), fifo);

        Assert.Equal(fifo, error.File);
        Assert.Contains("FIFO", error.Message);
    }

    [Fact]
    public void A_socket_named_like_a_declaration_is_refused()
    {
        Write("a.json", Valid);
        var path = Path.Combine(_folder, "s.json");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));

        var error = RefusedWithin(() => DeclarationFiles.Read(_folder));

        Assert.Equal(path, error.File);
        Assert.Contains("socket", error.Message);
    }

    [Theory]
    [InlineData("\u200B\u200C\u200D", "zero-width space, non-joiner and joiner")]
    [InlineData("\u2060\uFEFF\u200E\u200F", "word joiner, BOM, direction marks")]
    [InlineData("\u3164\u115F", "Hangul fillers")]
    [InlineData("\u00A0\u200B\u3000", "no-break and ideographic spaces")]
    [InlineData("\u034F\uFE0F", "a grapheme joiner and a variation selector")]
    public void A_name_made_only_of_invisible_characters_is_refused(string name, string what)
    {
        var json = """{"name": "NAME", "terms": {"Privacy Policy": {"fetch": "https://example.com/privacy"}}}""".Replace("NAME", name);

        var error = Assert.Throws<DeclarationException>(() => DeclarationParser.Parse(json, "declarations/invisible.json"));

        Assert.True(error.Field == "name", what);
        Assert.Contains("no visible character", error.Message);
    }

    [Theory]
    [InlineData("https://example.com/privacy\r\nX-Injected: 1", "CR")]
    [InlineData("https://example.com/privacy\nSet-Cookie: a=b", "LF")]
    [InlineData("https://example.com/pri\tvacy", "TAB")]
    [InlineData("https://exam\u0000ple.com/privacy", "NUL")]
    [InlineData("https://example.com/privacy\u0085", "U+0085")]
    [InlineData("https://example.com/priv\u007Facy", "DEL")]
    [InlineData("https://example.com/\u202Eycavirp", "U+202E")]
    public void A_fetch_URL_with_a_control_character_is_refused(string url, string named)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new { name = "Example AI", terms = new Dictionary<string, object> { ["Privacy Policy"] = new { fetch = url } } });

        var error = Assert.Throws<DeclarationException>(() => DeclarationParser.Parse(json, "declarations/crlf.json"));

        Assert.Equal("fetch", error.Field);
        Assert.Contains("control character", error.Message);
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void A_combined_source_URL_with_CR_LF_is_refused_with_its_field()
    {
        var json = """{"name": "Example AI", "terms": {"Privacy Policy": {"combine": [{"fetch": "https://example.com/a"}, {"fetch": "https://example.com/b\r\nHost: evil"}]}}}""";

        var error = Assert.Throws<DeclarationException>(() => DeclarationParser.Parse(json, "declarations/crlf.json"));

        Assert.Equal("combine[1].fetch", error.Field);
        Assert.Contains("control character", error.Message);
    }
}
