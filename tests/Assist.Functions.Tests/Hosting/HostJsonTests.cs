using System.Text.Json.Nodes;
using Assist.Tests;

namespace Assist.Functions.Tests.Hosting;

public sealed class HostJsonTests
{
    private static readonly JsonNode HostJson = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("functions", "Assist.Functions", "host.json")))!;

    [Fact]
    public void CustomHandler_PointsAtThePublishedExecutable()
    {
        var executable = (string?)HostJson["customHandler"]?["description"]?["defaultExecutablePath"];

        Assert.Equal(typeof(AssistApp).Assembly.GetName().Name, executable);
    }

    [Fact]
    public void CustomHandler_ProxiesHttpRequestsWithTheCurrentSetting()
    {
        Assert.True((bool?)HostJson["customHandler"]?["enableProxyingHttpRequest"]);
        Assert.Null(HostJson["customHandler"]?["enableForwardingHttpRequest"]);
    }

    [Fact]
    public void Http_RoutePrefixIsEmpty_SoPathsReachTheAppUnchanged()
    {
        Assert.Equal(string.Empty, (string?)HostJson["extensions"]?["http"]?["routePrefix"]);
        Assert.Equal("2.0", (string?)HostJson["version"]);
    }
}
