using Assist.Domain.Common;
using Assist.Domain.Routing;

namespace Assist.Domain.Tests.Routing;

public sealed class RoutingTableTests
{
    private static readonly RoutingTable Table = new(ValueList.Of(
        new RoutingRule("land", "LAND", "county-land", ValueList.Of("county-planning")),
        new RoutingRule("land-nanshan", "LAND", "nanshan-land", ValueList.Empty<string>(), District: "南山区"),
        new RoutingRule("land-large", "LAND", "city-land", ValueList.Empty<string>(), EnterpriseTier: "LARGE_TAXPAYER"),
        new RoutingRule("land-large-nanshan", "LAND", "city-land-south", ValueList.Empty<string>(), District: "南山区", EnterpriseTier: "LARGE_TAXPAYER")));

    [Fact]
    public void Resolve_TopicOnly_LeadAndCoHandlers()
    {
        var route = Table.Resolve("LAND", "福田区", null);

        Assert.Equal("county-land", route?.LeadDepartmentId);
        Assert.Equal(["county-planning"], route!.CoHandlerDepartmentIds);
    }

    [Fact]
    public void Resolve_DistrictOverride_Wins()
    {
        Assert.Equal("nanshan-land", Table.Resolve("LAND", "南山区", null)?.LeadDepartmentId);
    }

    [Fact]
    public void Resolve_TierOverride_WinsOverTopic()
    {
        Assert.Equal("city-land", Table.Resolve("LAND", "福田区", "LARGE_TAXPAYER")?.LeadDepartmentId);
    }

    [Theory]
    [InlineData("重点税源企业")]
    [InlineData("large_taxpayer")]
    public void Resolve_TierByItsChineseNameOrAnyCase_MatchesTheRuleOfItsCode(string tier)
    {
        Assert.Equal("city-land", Table.Resolve("LAND", "福田区", tier)?.LeadDepartmentId);
    }

    [Fact]
    public void Resolve_DistrictAndTier_MostSpecificWins()
    {
        Assert.Equal("city-land-south", Table.Resolve("LAND", "南山区", "LARGE_TAXPAYER")?.LeadDepartmentId);
    }

    [Fact]
    public void Resolve_Other_RoutedByHand()
    {
        var table = new RoutingTable(ValueList.Of(new RoutingRule("other", "OTHER", "x", ValueList.Empty<string>())));

        Assert.Null(table.Resolve("OTHER", null, null));
    }

    [Fact]
    public void Resolve_TopicWithoutRule_RoutedByHand()
    {
        Assert.Null(Table.Resolve("TAX", null, null));
    }
}
