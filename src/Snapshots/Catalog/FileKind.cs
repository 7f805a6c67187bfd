using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Snapshots.Catalog;

/// <summary>
/// What a path is once symlinks are followed (a regular file, a folder, a FIFO, a device, a socket), asked of the system
/// without opening it: opening a FIFO for reading waits for a writer, for ever. On Linux it is <c>statx(2)</c>, whose
/// <c>struct statx</c> has the same layout on every architecture; elsewhere (or where <c>statx</c> is not available) the
/// answer is <see cref="Kind.Unchecked"/> and only the bounded read (<see cref="RegularFile"/>) protects the reader.
/// </summary>
internal static partial class FileKind
{
    public enum Kind { Regular, Directory, Fifo, CharacterDevice, BlockDevice, Socket, Missing, Unchecked }

    private const int AtFdCwd = -100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x0001;
    private const uint StatxSize = 0x0200;
    private const int ModeOffset = 28;
    private const int SizeOffset = 40;
    private const int StatxBufferLength = 256;
    private const int NoSuchFile = 2;
    private const int NotADirectory = 20;

    /// <summary>The kind of what <paramref name="path"/> names (following symlinks) and its size in bytes (0 unless regular).</summary>
    public static (Kind Kind, long Size) Of(string path) => Stat(AtFdCwd, path, 0);

    /// <summary>The kind of what an open handle reads, to confirm that what was opened is what was checked.</summary>
    public static (Kind Kind, long Size) Of(SafeFileHandle handle)
    {
        var added = false;
        handle.DangerousAddRef(ref added);
        try { return Stat((int)handle.DangerousGetHandle(), "", AtEmptyPath); }
        finally { if (added) handle.DangerousRelease(); }
    }

    /// <summary>A reader's word for the kind: "a FIFO (named pipe)", "a character device"...</summary>
    public static string Describe(Kind kind) => kind switch
    {
        Kind.Regular => "a regular file",
        Kind.Directory => "a folder",
        Kind.Fifo => "a FIFO (named pipe)",
        Kind.CharacterDevice => "a character device",
        Kind.BlockDevice => "a block device",
        Kind.Socket => "a socket",
        Kind.Missing => "missing",
        _ => "of an unknown kind",
    };

    private static (Kind, long) Stat(int directory, string path, int flags)
    {
        if (!OperatingSystem.IsLinux()) return (Kind.Unchecked, 0);
        var buffer = new byte[StatxBufferLength];
        int result;
        try { result = Statx(directory, path, flags, StatxType | StatxSize, buffer); }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException) { return (Kind.Unchecked, 0); }
        if (result != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            return error is NoSuchFile or NotADirectory ? (Kind.Missing, 0) : (Kind.Unchecked, 0);
        }
        var mode = BitConverter.ToUInt16(buffer, ModeOffset);
        var size = (long)BitConverter.ToUInt64(buffer, SizeOffset);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => Kind.Regular,
            0x4000 => Kind.Directory,
            0x1000 => Kind.Fifo,
            0x2000 => Kind.CharacterDevice,
            0x6000 => Kind.BlockDevice,
            0xC000 => Kind.Socket,
            _ => Kind.Unchecked,
        };
        return (kind, kind == Kind.Regular ? size : 0);
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
