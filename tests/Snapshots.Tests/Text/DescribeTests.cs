using Snapshots.Text;

namespace Snapshots.Tests.Text;

public sealed class DescribeTests
{
    [Theory]
    [InlineData(10L * 1024 * 1024, "10 MiB")]
    [InlineData(64L * 1024, "64 KiB")]
    [InlineData(1536L, "1.5 KiB")]
    [InlineData(3L * 1024 * 1024 / 2, "1.5 MiB")]
    [InlineData(900L, "900 bytes")]
    public void Describes_byte_counts(long bytes, string expected) => Assert.Equal(expected, Describe.Bytes(bytes));

    [Theory]
    [InlineData(30_000, "30 s")]
    [InlineData(1_500, "1.5 s")]
    [InlineData(250, "250 ms")]
    public void Describes_durations(int milliseconds, string expected) =>
        Assert.Equal(expected, Describe.Duration(TimeSpan.FromMilliseconds(milliseconds)));
}
