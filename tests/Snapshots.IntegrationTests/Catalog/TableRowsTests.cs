using System.Reflection;
using Azure.Data.Tables;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Ledger;
using Snapshots.Storage;

namespace Snapshots.IntegrationTests.Catalog;

/// <summary>
/// The rows written and read by hand (<c>ToEntity</c>, <c>FromEntity</c>) are the rows the Azure SDK's own binding of the
/// same types writes and reads, property for property, through real Azurite: a property added to a record and not to its
/// mapping fails here.
/// </summary>
public sealed class TableRowsTests
{
    private static readonly string[] Keys = ["PartitionKey", "RowKey", "Timestamp", "odata.etag", "ETag"];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_document_row_is_stored_and_read_as_the_sdk_binds_it(bool everySet)
    {
        var record = Filled(new DocumentRecord(), everySet);
        await CheckAsync(record, r => r.ToEntity(), DocumentRecord.FromEntity);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_version_row_is_stored_and_read_as_the_sdk_binds_it(bool everySet)
    {
        var record = Filled(new VersionRecord(), everySet);
        await CheckAsync(record, r => r.ToEntity(), VersionRecord.FromEntity);
    }

    [Fact]
    public async Task A_pending_log_entry_is_stored_as_the_sdk_binds_it()
    {
        var record = Filled(new PendingLogEntry(), everySet: true);
        await CheckAsync(record, r => r.ToEntity(), fromEntity: null);
    }

    private static async Task CheckAsync<T>(T record, Func<T, TableEntity> toEntity, Func<TableEntity, T>? fromEntity) where T : class, ITableEntity, new()
    {
        var storage = new StorageClients(new StorageOptions(await SharedAzurite.NewAccountAsync(), null, null));
        var table = storage.Documents;
        await table.CreateIfNotExistsAsync();
        record.PartitionKey = "rows";

        record.RowKey = "typed";
        await table.AddEntityAsync(record);
        record.RowKey = "mapped";
        var mapped = toEntity(record);
        await table.AddEntityAsync(mapped);

        var typedRow = (await table.GetEntityAsync<TableEntity>("rows", "typed")).Value;
        var mappedRow = (await table.GetEntityAsync<TableEntity>("rows", "mapped")).Value;
        Assert.Equal(Stored(typedRow), Stored(mappedRow));
        Assert.NotEmpty(Stored(mappedRow));

        if (fromEntity is null) return;
        record.RowKey = "typed";
        var read = fromEntity(typedRow);
        foreach (var property in Bound(typeof(T)))
            Assert.True(Equals(property.GetValue(record), property.GetValue(read)), $"{typeof(T).Name}.{property.Name}: wrote {property.GetValue(record)}, read {property.GetValue(read)}");
        Assert.Equal(typedRow.ETag, read.ETag);
        Assert.Equal(typedRow.Timestamp, read.Timestamp);

        // And a row written by hand reads back through the SDK's binding as the record it came from.
        var bound = (await table.GetEntityAsync<T>("rows", "mapped")).Value;
        record.RowKey = "mapped";
        foreach (var property in Bound(typeof(T)))
            Assert.True(Equals(property.GetValue(record), property.GetValue(bound)), $"{typeof(T).Name}.{property.Name} through the SDK");
    }

    /// <summary>What the row stores besides its keys, each value with its type; a value made from the row key (a pending entry's key) names it so.</summary>
    private static SortedDictionary<string, string> Stored(TableEntity row) =>
        new(row.Where(p => !Keys.Contains(p.Key))
            .ToDictionary(p => p.Key, p => $"{p.Value?.GetType().Name}:{p.Value}".Replace(row.RowKey, "(row key)", StringComparison.Ordinal)), StringComparer.Ordinal);

    /// <summary>The properties a row stores: public, read and written, not the table's own keys.</summary>
    private static IEnumerable<PropertyInfo> Bound(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.CanWrite && !Keys.Contains(p.Name));

    /// <summary>Every stored property set to a value of its own (or, with <paramref name="everySet"/> false, only those that cannot be null).</summary>
    private static T Filled<T>(T record, bool everySet)
    {
        var n = 0;
        foreach (var property in Bound(typeof(T)))
        {
            n++;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var nullable = Nullable.GetUnderlyingType(property.PropertyType) is not null
                || (type == typeof(string) && new NullabilityInfoContext().Create(property).WriteState == NullabilityState.Nullable);
            if (nullable && !everySet) continue;
            object value = type == typeof(string) ? $"{property.Name} value {n}"
                : type == typeof(long) ? 5_000_000_000L + n
                : type == typeof(int) ? 40 + n
                : type == typeof(bool) ? true
                : type == typeof(DateTimeOffset) ? new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddMinutes(n)
                : throw new InvalidOperationException($"{typeof(T).Name}.{property.Name}: no test value for {type.Name}");
            property.SetValue(record, value);
        }
        return record;
    }
}
