using System.Text;

namespace Snapshots.Subscribers;

/// <summary>One data row of a subscriber CSV, with its line number in the file (the header is line 1).</summary>
internal sealed record SubscriberCsvRow(int Line, string Email, string Plan, IReadOnlyList<string> Platforms, bool? Alerts, bool? Digest);

internal sealed record SubscriberCsvProblem(int Line, string Problem)
{
    public override string ToString() => $"line {Line}: {Problem}";
}

/// <summary>
/// Reads a subscriber CSV: a header <c>email,plan,platforms</c> with optional <c>alerts</c> and <c>digest</c> columns (any order,
/// any case), one subscriber per line. Platforms are separated by spaces or <c>;</c>; fields may be double-quoted; blank lines
/// are skipped; alerts and digest accept true/false, yes/no, on/off, 1/0 and default to on when empty. Collects every
/// problem instead of stopping at the first. Records spanning several lines are not supported.
/// </summary>
internal static class SubscriberCsv
{
    private static readonly string[] Required = ["email", "plan", "platforms"];
    private static readonly string[] Optional = ["alerts", "digest"];

    public sealed record Result(IReadOnlyList<SubscriberCsvRow> Rows, IReadOnlyList<SubscriberCsvProblem> Problems);

    public static Result Parse(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var rows = new List<SubscriberCsvRow>();
        var problems = new List<SubscriberCsvProblem>();
        var headerIndex = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (headerIndex < 0) return new Result(rows, [new SubscriberCsvProblem(1, "the file is empty: expected a header email,plan,platforms[,alerts,digest]")]);

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!TrySplit(lines[headerIndex], out var header, out var headerProblem))
            return new Result(rows, [new SubscriberCsvProblem(headerIndex + 1, headerProblem)]);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().ToLowerInvariant();
            if (!Required.Contains(name) && !Optional.Contains(name))
                problems.Add(new SubscriberCsvProblem(headerIndex + 1, $"unknown column '{header[i].Trim()}': expected email,plan,platforms[,alerts,digest]"));
            else if (!columns.TryAdd(name, i))
                problems.Add(new SubscriberCsvProblem(headerIndex + 1, $"column '{name}' appears twice"));
        }
        var missing = Required.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            problems.Add(new SubscriberCsvProblem(headerIndex + 1, $"the header has no {string.Join(", ", missing)} column: expected email,plan,platforms[,alerts,digest]"));
        if (problems.Count > 0) return new Result(rows, problems);

        for (var index = headerIndex + 1; index < lines.Length; index++)
        {
            var lineNumber = index + 1;
            if (lines[index].Trim().Length == 0) continue;
            if (!TrySplit(lines[index], out var fields, out var problem))
            {
                problems.Add(new SubscriberCsvProblem(lineNumber, problem));
                continue;
            }
            if (fields.Count > header.Count)
            {
                problems.Add(new SubscriberCsvProblem(lineNumber, $"{fields.Count} fields, but the header has {header.Count}"));
                continue;
            }
            string Field(string column) => columns.TryGetValue(column, out var at) && at < fields.Count ? fields[at].Trim() : "";
            var alerts = Flag(Field("alerts"), "alerts", lineNumber, problems);
            var digest = Flag(Field("digest"), "digest", lineNumber, problems);
            rows.Add(new SubscriberCsvRow(lineNumber, Field("email"), Field("plan"), FollowedPlatforms.Normalize([Field("platforms")]), alerts, digest));
        }
        return new Result(rows, problems);
    }

    private static bool? Flag(string value, string column, int line, List<SubscriberCsvProblem> problems)
    {
        switch (value.ToLowerInvariant())
        {
            case "": return null;
            case "true" or "yes" or "on" or "1": return true;
            case "false" or "no" or "off" or "0": return false;
            default:
                problems.Add(new SubscriberCsvProblem(line, $"{column} is '{value}': expected true or false (yes/no, on/off, 1/0)"));
                return null;
        }
    }

    /// <summary>Splits one line on commas, honouring double quotes ("" inside quotes is a quote).</summary>
    private static bool TrySplit(string line, out List<string> fields, out string problem)
    {
        fields = [];
        problem = "";
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        if (quoted)
        {
            problem = "a quoted field is not closed";
            return false;
        }
        fields.Add(field.ToString());
        return true;
    }
}
