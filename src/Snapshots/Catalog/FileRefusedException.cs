namespace Snapshots.Catalog;

/// <summary>
/// A file an import will not read: not a regular file (a FIFO, a device, a socket, also through a symlink), or larger than
/// the reader's bound. <see cref="Problem"/> says which, without the path; the message names the file.
/// </summary>
public sealed class FileRefusedException(string file, string problem) : IOException($"{file}: {problem}")
{
    public string File { get; } = file;
    public string Problem { get; } = problem;
}
