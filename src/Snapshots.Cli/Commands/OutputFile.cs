namespace Snapshots.Cli.Commands;

/// <summary>
/// A file a command writes (<c>export -o</c>): written as <c>FILE.partial</c> beside it and renamed when complete, so nothing
/// half-written is ever left under its name; never overwrites. A path that cannot be written is refused before anything is
/// read, with the path and the reason (a missing folder, a folder, no permission, a read-only or full disk); the partial file
/// is removed on any failure.
/// </summary>
internal static class OutputFile
{
    public static async Task<T> WriteAsync<T>(string typed, Func<Stream, Task<T>> write)
    {
        var path = Path.GetFullPath(typed);
        Refuse(path, typed);
        var partial = path + ".partial";
        var created = false;
        try
        {
            T result;
            await using (var stream = Open(path, partial))
            {
                created = true;
                result = await write(stream);
            }
            File.Move(partial, path);
            return result;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && !File.Exists(path))
        {
            throw new UsageException(CannotWrite(path, Reason(e, path, partial)));
        }
        finally
        {
            if (created && File.Exists(partial)) File.Delete(partial);
        }
    }

    /// <summary>What can be told before anything is written: the path exists, is a folder, or its folder does not exist.</summary>
    private static void Refuse(string path, string typed)
    {
        if (Directory.Exists(path) || typed.EndsWith('/') || typed.EndsWith(Path.DirectorySeparatorChar))
            throw new UsageException(CannotWrite(path, $"it is a folder; name a file in it, e.g. {Path.Combine(path, "evidence.zip")}"));
        if (File.Exists(path)) throw new UsageException($"{path} already exists: choose another file (an export never overwrites).");
        var folder = Path.GetDirectoryName(path);
        if (folder is not null && !Directory.Exists(folder))
            throw new UsageException(CannotWrite(path, File.Exists(folder) ? $"{folder} is a file, not a folder" : $"the folder {folder} does not exist (create it first)"));
    }

    private static FileStream Open(string path, string partial)
    {
        try { return new FileStream(partial, FileMode.CreateNew, FileAccess.Write); }
        catch (IOException) when (File.Exists(partial))
        {
            throw new UsageException(CannotWrite(path, $"{partial} is there already (an earlier export that did not finish, or another one running now); remove it or choose another file"));
        }
    }

    private static string CannotWrite(string path, string reason) => $"cannot write {path}: {reason}.";

    /// <summary>The reason in words, naming the file asked for (not the partial file .NET names).</summary>
    private static string Reason(Exception e, string path, string partial)
    {
        var folder = Path.GetDirectoryName(path) ?? path;
        return e switch
        {
            UnauthorizedAccessException => $"permission denied: the folder {folder} cannot be written here",
            DirectoryNotFoundException => $"the folder {folder} does not exist",
            IOException io when io.HResult == 28 || io.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase) => "the disk is full; nothing was left behind",
            IOException io when io.Message.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase) => $"{folder} is on a read-only file system",
            _ => e.Message.Replace(partial, path, StringComparison.Ordinal),
        };
    }
}
