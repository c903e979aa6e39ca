using Azure.Data.Tables;

namespace Assist.Storage.Workflow;

/// <summary>
/// Keeps a long string in one entity over several string properties: a table string property holds at most
/// 64 KiB (32 K UTF-16 units), a whole entity 1 MiB.
/// </summary>
internal static class LargeText
{
    private const int ChunkLength = 30_000;

    public static void Write(TableEntity entity, string name, string text)
    {
        var parts = Math.Max(1, (text.Length + ChunkLength - 1) / ChunkLength);
        entity[name + "Parts"] = parts;
        for (var i = 0; i < parts; i++)
        {
            var start = i * ChunkLength;
            entity[i == 0 ? name : name + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] =
                text.Substring(start, Math.Min(ChunkLength, text.Length - start));
        }
    }

    public static string? Read(TableEntity entity, string name)
    {
        var first = entity.GetString(name);
        var parts = entity.GetInt32(name + "Parts") ?? 1;
        if (first is null || parts <= 1)
        {
            return first;
        }

        var builder = new System.Text.StringBuilder(first);
        for (var i = 1; i < parts; i++)
        {
            builder.Append(entity.GetString(name + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return builder.ToString();
    }
}
