using Assist.Storage.Tables;

namespace Assist.Storage.Tests.Tables;

public sealed class TableFilterTests
{
    public static TheoryData<object, string> Literals => new()
    {
        { "O'Brien", "'O''Brien'" },
        { "x' or PartitionKey ne '", "'x'' or PartitionKey ne '''" },
        { "中文", "'中文'" },
        { 42, "42" },
        { -5_000_000_000L, "-5000000000L" },
        { 2.0, "2.0" },
        { 0.1, "0.1" },
        { true, "true" },
        { new DateTimeOffset(2026, 11, 21, 16, 0, 0, TimeSpan.FromHours(8)), "datetime'2026-11-21T08:00:00.0000000Z'" },
        { Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), "guid'0f8fad5b-d9cb-469f-a165-70867728950e'" },
        { new byte[] { 0x0A, 0xFF }, "X'0aff'" },
    };

    [Theory]
    [MemberData(nameof(Literals))]
    public void Literal_EachEdmType_FormatsAsODataLiteral(object value, string expected) =>
        Assert.Equal(expected, TableFilter.Literal(value));

    [Fact]
    public void Create_InterpolatedValues_AreLiteralsNotSyntax()
    {
        const string hostile = "a' or RowKey ne 'b";

        var filter = TableFilter.Create($"PartitionKey eq {hostile} and Count ge {3L}");

        Assert.Equal("PartitionKey eq 'a'' or RowKey ne ''b' and Count ge 3L", filter);
    }

    [Fact]
    public void And_SeveralFilters_ParenthesisesEachAndSkipsEmpty() =>
        Assert.Equal("(A eq 1) and (B eq 2 or C eq 3)", TableFilter.And("A eq 1", null, "", "B eq 2 or C eq 3"));

    [Theory]
    [InlineData(null)]
    [InlineData(1.5f)]
    [InlineData(double.NaN)]
    public void Literal_ValueWithoutTableLiteral_Throws(object? value) =>
        Assert.Throws<ArgumentException>(() => TableFilter.Literal(value));
}
