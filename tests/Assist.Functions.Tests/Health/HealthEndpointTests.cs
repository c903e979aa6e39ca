using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assist.Tests;

namespace Assist.Functions.Tests.Health;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Get_StorageUpThenDown_Answers200Then503WithTheReason()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Scheduler:Enabled"] = "false",
        });

        using var healthy = await app.Client.GetAsync("/healthz");
        var report = await healthy.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("healthy", report.GetProperty("status").GetString());
        var services = report.GetProperty("storage").EnumerateArray().ToList();
        Assert.Equal(["blob", "queue", "table"], services.Select(s => s.GetProperty("service").GetString()));
        Assert.All(services, s => Assert.True(s.GetProperty("reachable").GetBoolean()));
        Assert.Contains(services, s => s.GetProperty("endpoint").GetString()!.Contains($":{azurite.TablePort}/", StringComparison.Ordinal));

        await azurite.StopAsync();

        using var unhealthy = await app.Client.GetAsync("/healthz");
        var problem = await unhealthy.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        Assert.Equal("application/problem+json", unhealthy.Content.Headers.ContentType?.MediaType);
        Assert.Equal("unhealthy", problem.GetProperty("health").GetString());
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Contains("connection failed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
