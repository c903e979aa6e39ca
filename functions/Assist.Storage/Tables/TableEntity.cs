using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Azure;

namespace Assist.Storage.Tables;

/// <summary>
/// A table entity: <see cref="PartitionKey"/>, <see cref="RowKey"/> and typed properties, with the
/// <see cref="ETag"/> and <see cref="Timestamp"/> the service returned. Property values are one of the Edm
/// types the service stores: <see cref="string"/>, <see cref="int"/>, <see cref="long"/>, <see cref="double"/>,
/// <see cref="bool"/>, <see cref="DateTimeOffset"/>, <see cref="Guid"/> or <see cref="byte"/>[]; they round-trip
/// exactly. A <see cref="DateTime"/> is stored as the <see cref="DateTimeOffset"/> of its UTC instant and
/// <see cref="BinaryData"/> as its bytes, so what is read back is always one of the types above.
/// </summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "Named like Azure.Data.Tables.TableEntity.")]
public sealed class TableEntity : IDictionary<string, object?>
{
    public const string PartitionKeyName = "PartitionKey";
    public const string RowKeyName = "RowKey";
    public const string TimestampName = "Timestamp";

    private readonly Dictionary<string, object?> _properties = new(StringComparer.Ordinal);

    public TableEntity()
    {
    }

    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public TableEntity(IDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var (key, value) in values)
        {
            this[key] = value;
        }
    }

    public string PartitionKey
    {
        get => GetString(PartitionKeyName) ?? string.Empty;
        set => this[PartitionKeyName] = value;
    }

    public string RowKey
    {
        get => GetString(RowKeyName) ?? string.Empty;
        set => this[RowKeyName] = value;
    }

    /// <summary>When the service last wrote the entity; set by reads, ignored on writes.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>The entity's version as the service returned it; sent back exactly in <c>If-Match</c>.</summary>
    public ETag ETag { get; set; }

    public object? this[string key]
    {
        get => _properties.TryGetValue(key, out var value) ? value : null;
        set
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            _properties[key] = Normalize(key, value);
        }
    }

    public ICollection<string> Keys => _properties.Keys;

    public ICollection<object?> Values => _properties.Values;

    public int Count => _properties.Count;

    bool ICollection<KeyValuePair<string, object?>>.IsReadOnly => false;

    public string? GetString(string key) => Get<string>(key);

    public bool? GetBoolean(string key) => GetStruct<bool>(key);

    public int? GetInt32(string key) => GetStruct<int>(key);

    /// <summary>An Int64, or an Int32 widened (small numbers written without a type arrive as Int32).</summary>
    public long? GetInt64(string key) => this[key] switch
    {
        null => null,
        long l => l,
        int i => i,
        var other => throw WrongType(key, typeof(long), other),
    };

    public double? GetDouble(string key) => this[key] switch
    {
        null => null,
        double d => d,
        int i => i,
        var other => throw WrongType(key, typeof(double), other),
    };

    public DateTimeOffset? GetDateTimeOffset(string key) => GetStruct<DateTimeOffset>(key);

    public Guid? GetGuid(string key) => GetStruct<Guid>(key);

    public byte[]? GetBinary(string key) => Get<byte[]>(key);

    public void Add(string key, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        _properties.Add(key, Normalize(key, value));
    }

    public bool ContainsKey(string key) => _properties.ContainsKey(key);

    public bool Remove(string key) => _properties.Remove(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => _properties.TryGetValue(key, out value);

    public void Add(KeyValuePair<string, object?> item) => Add(item.Key, item.Value);

    public void Clear() => _properties.Clear();

    public bool Contains(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)_properties).Contains(item);

    public void CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) => ((ICollection<KeyValuePair<string, object?>>)_properties).CopyTo(array, arrayIndex);

    public bool Remove(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)_properties).Remove(item);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private T? Get<T>(string key)
        where T : class => this[key] switch
    {
        null => null,
        T value => value,
        var other => throw WrongType(key, typeof(T), other),
    };

    private T? GetStruct<T>(string key)
        where T : struct => this[key] switch
    {
        null => null,
        T value => value,
        var other => throw WrongType(key, typeof(T), other),
    };

    private static InvalidOperationException WrongType(string key, Type wanted, object actual) =>
        new($"Property '{key}' is {actual.GetType().Name}, not {wanted.Name}.");

    private static object? Normalize(string key, object? value) => value switch
    {
        null or string or int or long or double or bool or DateTimeOffset or Guid or byte[] => value,
        DateTime dateTime => new DateTimeOffset(dateTime.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dateTime, DateTimeKind.Utc) : dateTime.ToUniversalTime()),
        BinaryData binary => binary.ToArray(),
        _ => throw new ArgumentException($"Property '{key}' has type {value.GetType().Name}, which table storage cannot hold.", nameof(value)),
    };
}
