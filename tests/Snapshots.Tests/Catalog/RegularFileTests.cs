using System.IO.Compression;
using Snapshots.Catalog;

namespace Snapshots.Tests.Catalog;

/// <summary>RegularFile reads what imports are given: regular files (also through a symlink), bounded before and while reading.</summary>
public sealed class RegularFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("snapshots-regular-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_symlink_to_a_regular_file_is_read()
    {
        var file = Path.Combine(_folder, "real.json");
        File.WriteAllText(file, "{}");
        var link = Path.Combine(_folder, "link.json");
        File.CreateSymbolicLink(link, file);

        Assert.Equal("{}"u8.ToArray(), RegularFile.ReadBytes(link, 10, "a file"));
    }

    [Fact]
    public void A_file_over_the_bound_is_refused_by_its_size_before_it_is_read()
    {
        var file = Path.Combine(_folder, "big.json");
        File.WriteAllBytes(file, new byte[11]);

        var error = Assert.Throws<FileRefusedException>(() => RegularFile.ReadBytes(file, 10, "a test file"));

        Assert.Equal(file, error.File);
        Assert.Equal("is 11 bytes, more than the 10 a test file may have.", error.Problem);
    }

    [Fact]
    public void A_gzip_file_is_bounded_by_its_decompressed_bytes()
    {
        var file = Path.Combine(_folder, "bomb.html.gz");
        using (var gzip = new GZipStream(File.Create(file), CompressionLevel.SmallestSize)) gzip.Write(new byte[1_000_000]);
        Assert.True(new FileInfo(file).Length < 10_000);

        var error = Assert.Throws<FileRefusedException>(() => RegularFile.ReadGzipBytes(file, 10_000, "a capture"));

        Assert.Contains("decompresses to more than the 10,000 bytes a capture may have", error.Problem);
        Assert.Equal(1_000_000, RegularFile.ReadGzipBytes(file, 1_000_000, "a capture").Length);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var error = Assert.Throws<FileRefusedException>(() => RegularFile.ReadBytes(Path.Combine(_folder, "gone.json"), 10, "a file"));

        Assert.Contains("does not exist", error.Problem);
    }

    [Fact]
    public void Dev_null_is_a_character_device()
    {
        var error = Assert.Throws<FileRefusedException>(() => RegularFile.ReadBytes("/dev/null", 10, "a file"));

        Assert.Equal("is a character device, not a regular file: only regular files are read.", error.Problem);
    }
}
