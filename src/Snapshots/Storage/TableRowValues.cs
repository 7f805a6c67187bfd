using Azure.Data.Tables;

namespace Snapshots.Storage;

/// <summary>
/// Helpers for rows written and read as <see cref="TableEntity"/> by hand (<c>DocumentRecord.ToEntity</c>,
/// <c>VersionRecord.ToEntity</c>): the SDK's own binding of a typed row compiles a getter and a setter for every property in
/// every process, the largest piece of code a check compiled at run time.
/// </summary>
internal static class TableRowValues
{
    /// <summary>Sets the property, or leaves it out when the value is null (as the SDK's binding writes a typed row).</summary>
    public static void Put(this TableEntity row, string name, object? value)
    {
        if (value is not null) row[name] = value;
    }
}
