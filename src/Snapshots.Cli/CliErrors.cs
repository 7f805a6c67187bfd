using Spectre.Console;

namespace Snapshots.Cli;

/// <summary>Error and refusal lines, always on the error console (standard error), so that standard output holds only results.</summary>
public static class CliErrors
{
    /// <summary>"error: MESSAGE" on standard error.</summary>
    public static void Error(CliEnvironment environment, string message) =>
        environment.Errors.MarkupLineInterpolated($"[red]error:[/] {message}");

    /// <summary>"refused: MESSAGE" on standard error.</summary>
    public static void Refused(CliEnvironment environment, string message) =>
        environment.Errors.MarkupLineInterpolated($"[red]refused:[/] {message}");
}
