using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Assist.Functions.Api;
using Assist.Tests;
using Azure;

namespace Assist.Functions.Tests.Health;

public sealed class StorageUnavailableTests
{
    [Fact]
    public void IsUnavailable_TransportFailuresAndServer5xx_AreUnavailable_ClientErrorsAndBugsAreNot()
    {
        Assert.True(StorageUnavailable.IsUnavailable(new RequestFailedException(0, "connection refused", new HttpRequestException("refused", new SocketException(111)))));
        Assert.True(StorageUnavailable.IsUnavailable(new RequestFailedException(503, "server busy")));
        Assert.True(StorageUnavailable.IsUnavailable(new InvalidOperationException("wrapped", new HttpRequestException("reset"))));
        Assert.False(StorageUnavailable.IsUnavailable(new RequestFailedException(412, "condition not met")));
        Assert.False(StorageUnavailable.IsUnavailable(new InvalidOperationException("a bug")));
        Assert.Equal(503, StorageUnavailable.StatusCodeOf(new RequestFailedException(0, "refused")));
        Assert.Equal(500, StorageUnavailable.StatusCodeOf(new ArgumentException("a bug")));
    }

    [Fact]
    public async Task Submit_StorageStopped_Answers503ProblemWithRetryAfter_ThenHealthyAgainWithoutRestart()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Scheduler:Enabled"] = "false",
        });
        const string Form = """{"enterpriseName":"深圳市示例科技有限公司","creditCode":"9144030071526726XG","district":"高新区","contactName":"王经理","mobile":"13800138000","type":"Help","topic":"FINANCE","title":"贷款审批迟迟没有结果","description":"三个月前申请的流动资金贷款至今未获审批。","consentGiven":true}""";

        await azurite.StopAsync();
        using var down = await app.Client.PostAsync("/api/tickets", new StringContent(Form, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(StorageUnavailable.RetryAfterSeconds), down.Headers.RetryAfter?.Delta);
        Assert.Equal(503, (await down.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());

        // AzuriteInstance stops Azurite with SIGKILL, so the tables it had not saved yet may be gone: recovery is shown by
        // the same app answering from storage again (scripts/fault checks tickets across a graceful storage outage).
        await azurite.RestartAsync();
        using var up = await app.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
    }
}
