using Azure.Data.Tables;

namespace Snapshots.Storage;

/// <summary>
/// The stored columns of a row type, each named once with how to read and write it, for rows written and read as
/// <see cref="TableEntity"/> by hand (<c>DocumentRecord</c>, <c>VersionRecord</c>): the SDK's own binding of a typed row
/// compiles a getter and a setter for every property in every process, the largest piece of code a check compiled at run
/// time. A column is stored under its property's name; a null value is left out, as that binding writes it; a column the
/// row lacks leaves the property as the record was made.
/// </summary>
internal sealed class TableColumns<T> where T : ITableEntity, new()
{
    private readonly List<(string Name, Func<T, object?> Get, Action<T, TableEntity> Set)> _columns = [];

    public TableColumns<T> Add(string name, Func<T, string?> get, Action<T, string> set) =>
        Column(name, get, (record, row) => { if (row.GetString(name) is { } value) set(record, value); });

    public TableColumns<T> Add(string name, Func<T, long?> get, Action<T, long> set) =>
        Column(name, record => get(record), (record, row) => { if (row.GetInt64(name) is { } value) set(record, value); });

    public TableColumns<T> Add(string name, Func<T, int?> get, Action<T, int> set) =>
        Column(name, record => get(record), (record, row) => { if (row.GetInt32(name) is { } value) set(record, value); });

    public TableColumns<T> Add(string name, Func<T, bool?> get, Action<T, bool> set) =>
        Column(name, record => get(record), (record, row) => { if (row.GetBoolean(name) is { } value) set(record, value); });

    public TableColumns<T> Add(string name, Func<T, DateTimeOffset?> get, Action<T, DateTimeOffset> set) =>
        Column(name, record => get(record), (record, row) => { if (row.GetDateTimeOffset(name) is { } value) set(record, value); });

    private TableColumns<T> Column(string name, Func<T, object?> get, Action<T, TableEntity> set)
    {
        _columns.Add((name, get, set));
        return this;
    }

    /// <summary>The row as the table stores it, with the record's keys and ETag.</summary>
    public TableEntity ToEntity(T record)
    {
        var row = new TableEntity(record.PartitionKey, record.RowKey) { ETag = record.ETag };
        foreach (var (name, get, _) in _columns)
            if (get(record) is { } value) row[name] = value;
        return row;
    }

    /// <summary>The record of a stored row, with its keys, time stamp and ETag.</summary>
    public T FromEntity(TableEntity row)
    {
        var record = new T { PartitionKey = row.PartitionKey, RowKey = row.RowKey, Timestamp = row.Timestamp, ETag = row.ETag };
        foreach (var (_, _, set) in _columns) set(record, row);
        return record;
    }
}
