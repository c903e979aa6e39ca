using System.Collections;
using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Assist.Domain.Common;

/// <summary>
/// An immutable list with value equality, so records that hold lists (events, state) compare by content
/// and survive a serialization round trip as equal.
/// </summary>
[JsonConverter(typeof(ValueListJsonConverterFactory))]
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly ImmutableArray<T> _items;

    public ValueList(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = [.. items];
    }

    public int Count => _items.Length;

    public T this[int index] => _items[index];

    public ValueList<T> Add(T item) => new(_items.Add(item));

    /// <summary>Replaces the first item matching <paramref name="match"/> (or returns this list unchanged).</summary>
    public ValueList<T> ReplaceWhere(Func<T, bool> match, Func<T, T> replace)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(replace);
        return new(_items.Select(item => match(item) ? replace(item) : item));
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ValueList<T>? other) =>
        other is not null && _items.AsSpan().SequenceEqual(other._items.AsSpan(), EqualityComparer<T>.Default);

    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => "[" + string.Join(", ", _items) + "]";
}

/// <summary>Builds <see cref="ValueList{T}"/> from collection expressions and LINQ.</summary>
public static class ValueList
{
    public static ValueList<T> Of<T>(params T[] items) => new(items);

    public static ValueList<T> Empty<T>() => new([]);

    public static ValueList<T> ToValueList<T>(this IEnumerable<T> items) => new(items);
}
