using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Snapshots.Text;

namespace Snapshots.Cli;

/// <summary>
/// The command's log lines, one each on standard error: UTC time, level word, the category's last name, the message, and an
/// exception's type and message (no stack trace), e.g. <c>17:59:17Z warning DocumentCapturer: Check of ... failed</c>
/// instead of <c>warn: Snapshots.Tracking.DocumentCapturer[0]</c> over two lines. The Functions app logs as it always has.
/// </summary>
public sealed class CliLogFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "snapshots";

    /// <summary>Uses this formatter for the console logger, everything on standard error.</summary>
    public static ILoggingBuilder AddTo(ILoggingBuilder logging) =>
        logging.AddConsole(o =>
            {
                o.FormatterName = Name;
                o.LogToStandardErrorThreshold = LogLevel.Trace;
            })
            .AddConsoleFormatter<CliLogFormatter, ConsoleFormatterOptions>();

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null) return;
        var time = DateTimeOffset.UtcNow.ToString("HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        textWriter.WriteLine(Line(time, logEntry.LogLevel, logEntry.Category, message, logEntry.Exception));
    }

    /// <summary>One line: "17:59:17Z warning DocumentCapturer: message (HttpRequestException: reason)".</summary>
    public static string Line(string time, LogLevel level, string category, string? message, Exception? exception)
    {
        var text = OneLine(message ?? "");
        if (exception is not null) text += $" ({exception.GetType().Name}: {OneLine(exception.Message)})";
        return $"{time} {Word(level)} {ShortCategory(category)}: {text.Trim()}";
    }

    /// <summary>Line breaks become spaces; other control characters are made visible.</summary>
    private static string OneLine(string text) => VisibleText.Of(text.ReplaceLineEndings(" "), keepLineBreaks: false);

    public static string Word(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        LogLevel.Critical => "critical",
        _ => level.ToString().ToLowerInvariant(),
    };

    /// <summary>"DocumentCapturer" for "Snapshots.Tracking.DocumentCapturer"; a generic type's arguments are left out.</summary>
    public static string ShortCategory(string category)
    {
        var name = category.Split('[', '<', '`')[0];
        var dot = name.LastIndexOf('.');
        return dot < 0 ? name : name[(dot + 1)..];
    }
}
