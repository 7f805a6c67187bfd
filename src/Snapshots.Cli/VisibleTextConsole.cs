using Snapshots.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Snapshots.Cli;

/// <summary>
/// The console every command writes to: text segments pass through <see cref="VisibleText"/>, so a page's text, a server's
/// reason phrase or content type, a title or a declaration's name cannot clear the screen, set the window title or hide a
/// hyperlink. Spectre's own control segments (cursor movement of the progress bar) pass unchanged.
/// </summary>
public sealed class VisibleTextConsole(IAnsiConsole inner) : IAnsiConsole
{
    public Profile Profile => inner.Profile;
    public IAnsiConsoleCursor Cursor => inner.Cursor;
    public IAnsiConsoleInput Input => inner.Input;
    public IExclusivityMode ExclusivityMode => inner.ExclusivityMode;
    public RenderPipeline Pipeline => inner.Pipeline;

    public void Clear(bool home) => inner.Clear(home);

    public void Write(IRenderable renderable) => inner.Write(new Visible(renderable));

    /// <summary>Spectre's own escape sequences (live displays); no text of ours goes through here.</summary>
    public void WriteAnsi(Action<AnsiWriter> action) => inner.WriteAnsi(action);

    private sealed class Visible(IRenderable inner) : IRenderable
    {
        public Measurement Measure(RenderOptions options, int maxWidth) => inner.Measure(options, maxWidth);

        public IEnumerable<Segment> Render(RenderOptions options, int maxWidth) =>
            inner.Render(options, maxWidth).Select(segment => segment.IsControlCode || segment.IsLineBreak || !VisibleText.HasControlCharacters(segment.Text)
                ? segment
                : new Segment(VisibleText.Of(segment.Text), segment.Style));
    }
}
