using System.Text.Json.Nodes;
using Assist.Tests;

namespace Assist.Functions.Tests.Hosting;

public sealed class HostJsonTests
{
    private static readonly JsonNode HostJson = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("functions", "Assist.Functions", "host.json")))!;

    [Fact]
    public void HostJson_IsForAnIsolatedWorker_NoCustomHandlerNorExtensionBundle()
    {
        Assert.Equal("2.0", (string?)HostJson["version"]);
        Assert.Null(HostJson["customHandler"]);
        // A .NET isolated app brings its extensions as packages (the build's extensions.json); a bundle is for other languages.
        Assert.Null(HostJson["extensionBundle"]);
    }

    [Fact]
    public void Http_RoutePrefixIsEmpty_SoPathsReachTheAppUnchanged()
    {
        Assert.Equal(string.Empty, (string?)HostJson["extensions"]?["http"]?["routePrefix"]);
    }

    [Fact]
    public void DurableTask_NamesTheTaskHub()
    {
        Assert.Equal("AssistHub", (string?)HostJson["extensions"]?["durableTask"]?["hubName"]);
    }
}
