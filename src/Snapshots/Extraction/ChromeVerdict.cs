namespace Snapshots.Extraction;

/// <summary>What a structural chrome rule makes of one element in a top-down search.</summary>
internal enum ChromeVerdict
{
    /// <summary>Look at its children.</summary>
    Descend,
    /// <summary>Leave it out of the text, with everything inside it.</summary>
    Drop,
    /// <summary>Keep it and everything inside it.</summary>
    Keep,
}
