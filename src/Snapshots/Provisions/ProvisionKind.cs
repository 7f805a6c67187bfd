namespace Snapshots.Provisions;

/// <summary>What kind of block of a version's Markdown a provision is.</summary>
public enum ProvisionKind
{
    /// <summary>A paragraph under a heading, without clause numbering of its own.</summary>
    Paragraph,

    /// <summary>A paragraph that starts with a clause number written in the text: "3.2 Termination. ...", "(a) ...", "Article 5 ...".</summary>
    Clause,

    /// <summary>An item of a bulleted or numbered list (its marker is not part of its text), with its lead-in as context.</summary>
    ListItem,

    /// <summary>A row of a pipe table, with the header row as context: one purpose and legal basis, one subprocessor.</summary>
    TableRow,
}
