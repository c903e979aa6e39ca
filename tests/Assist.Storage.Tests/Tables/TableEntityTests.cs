using System.Text.Json;
using Assist.Storage.Tables;
using Azure;

namespace Assist.Storage.Tests.Tables;

public sealed class TableEntityTests
{
    [Fact]
    public void Indexer_DateTimeAndBinaryData_StoredAsTheirTableTypes()
    {
        var entity = new TableEntity("p", "r")
        {
            ["Local"] = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            ["Bytes"] = BinaryData.FromBytes([1, 2]),
        };

        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), entity["Local"]);
        Assert.Equal(new byte[] { 1, 2 }, entity.GetBinary("Bytes"));
    }

    [Fact]
    public void Indexer_UnsupportedType_Throws() =>
        Assert.Throws<ArgumentException>(() => new TableEntity("p", "r") { ["Amount"] = 1.5m });

    [Fact]
    public void GetInt64_Int32Value_Widens()
    {
        var entity = new TableEntity { ["N"] = 7 };

        Assert.Equal(7L, entity.GetInt64("N"));
        Assert.Throws<InvalidOperationException>(() => entity.GetGuid("N"));
    }

    [Fact]
    public void Read_ServiceJson_HonoursAnnotationsETagAndTimestamp()
    {
        const string json = """
            {"odata.etag":"W/\"datetime'2026-11-21T08%3A00%3A00.1234567Z'\"","PartitionKey":"p","RowKey":"r",
             "Timestamp":"2026-11-21T08:00:00.1234567Z","Big@odata.type":"Edm.Int64","Big":"9007199254740993",
             "Ratio":3.0,"Small":3,"Inf@odata.type":"Edm.Double","Inf":"Infinity"}
            """;
        using var document = JsonDocument.Parse(json);

        var entity = TableEntityJson.Read(document.RootElement);

        Assert.Equal(new ETag("W/\"datetime'2026-11-21T08%3A00%3A00.1234567Z'\""), entity.ETag);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero).AddTicks(1234567), entity.Timestamp);
        Assert.Equal(9007199254740993L, entity["Big"]);
        Assert.Equal(3.0, entity["Ratio"]);
        Assert.Equal(3, entity["Small"]);
        Assert.Equal(double.PositiveInfinity, entity["Inf"]);
        Assert.False(entity.ContainsKey("Timestamp"));
    }

    [Fact]
    public void Serialize_WholeDouble_IsAnnotatedSoItStaysADouble()
    {
        var json = System.Text.Encoding.UTF8.GetString(TableEntityJson.Serialize(new TableEntity("p", "r") { ["D"] = 2.0, ["L"] = 2L }));

        Assert.Contains("\"D@odata.type\":\"Edm.Double\"", json, StringComparison.Ordinal);
        Assert.Contains("\"L@odata.type\":\"Edm.Int64\",\"L\":\"2\"", json, StringComparison.Ordinal);
    }
}
