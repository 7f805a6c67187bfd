namespace Snapshots.Catalog;

/// <summary>
/// How large a declaration may be, checked while it is parsed and before anything is written. Real declarations are far
/// below every limit (Open Terms Archive's largest use a few dozen selectors of under 200 characters); the limits keep a
/// hostile or broken file from crashing the import or writing half of itself, and a document row under Azure Table
/// Storage's 64 KiB property limit.
/// </summary>
internal static class DeclarationLimits
{
    public const long MaxFileBytes = 1024 * 1024;
    /// <summary>A <c>*.history.json</c> (every earlier declaration of a platform's documents) or a history folder's declarations.json.</summary>
    public const long MaxHistoryFileBytes = 4 * 1024 * 1024;
    public const int MaxNameLength = 100;
    public const int MaxTermsTypeLength = 100;
    public const int MaxDocumentsPerFile = 100;
    public const int MaxSourcesPerDocument = 20;
    public const int MaxSelectorsPerList = 50;
    public const int MaxSelectorLength = 500;
    public const int MaxUrlLength = 2048;
    public const int MaxIgnoreRules = 50;
    public const int MaxPatternLength = 500;
    public const int MaxReasonLength = 200;
    /// <summary>The stored declaration of one document (JSON characters); Azure Tables holds at most 32K characters per string property.</summary>
    public const int MaxStoredDeclarationLength = 30_000;
}
