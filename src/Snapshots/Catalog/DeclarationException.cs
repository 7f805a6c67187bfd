namespace Snapshots.Catalog;

/// <summary>A declaration that cannot be used, naming the file, the document and the field at fault.</summary>
public sealed class DeclarationException(string file, string? document, string? field, string problem)
    : Exception(Describe(file, document, field, problem))
{
    public string File { get; } = file;
    public string? Document { get; } = document;
    public string? Field { get; } = field;
    public string Problem { get; } = problem;

    private static string Describe(string file, string? document, string? field, string problem)
    {
        var where = file;
        if (document is not null) where += $": document \"{document}\"";
        if (field is not null) where += $", field \"{field}\"";
        // Names come from the file: made visible, so a declaration cannot put escape sequences on the operator's terminal.
        return Snapshots.Text.VisibleText.Of($"{where}: {problem}", keepLineBreaks: false);
    }
}
