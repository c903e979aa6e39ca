using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Assist.Tests;

namespace Assist.Functions.Tests.Triggers;

[Collection(UsesAzurite.Name)]
public sealed class TimerTriggerEndpointTests(AzuriteFixture storage) : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(new Dictionary<string, string?>
    {
        ["Storage:ConnectionString"] = storage.Azurite.ConnectionString,
        ["Scheduler:Enabled"] = "false",
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private const string HostPayload = """
        {
          "Data": { "timer": { "Schedule": { "AdjustForDST": true },
                               "ScheduleStatus": { "Last": "2026-03-02T02:59:30Z", "Next": "2026-03-02T03:00:30Z", "LastUpdated": "2026-03-02T02:59:30Z" },
                               "IsPastDue": true } },
          "Metadata": { "sys": { "MethodName": "SweepTimers", "UtcNow": "2026-03-02T03:00:00.1234567Z", "RandGuid": "35e6e68c-5583-436c-a277-5aec2b416ba8" } }
        }
        """;

    [Fact]
    public async Task Post_HostShapedTimerPayload_AnswersOutputsLogsAndReturnValue()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/SweepTimers") { Content = new StringContent(HostPayload, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Azure-Functions-InvocationId", "83a33220-a921-460a-bec0-b3f043dcf1ff");

        using var response = await _app.Client.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Object, body.GetProperty("Outputs").ValueKind);
        Assert.Contains("SweepTimers ran at 2026-03-02T03:00:00.1234567+00:00", body.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        var returned = body.GetProperty("ReturnValue");
        Assert.True(returned.GetProperty("IsPastDue").GetBoolean());
        Assert.Equal("FunctionsHost", returned.GetProperty("Source").GetString());
        var sweep = returned.GetProperty("Sweep");
        Assert.Equal(0, sweep.GetProperty("SchedulesRepaired").GetInt32());
        Assert.Equal(JsonValueKind.String, sweep.GetProperty("SweptUpTo").ValueKind);
    }

    [Fact]
    public async Task Post_BindingValueAsJsonString_IsReadLikeAnObject()
    {
        const string payload = """{"Data":{"timer":"{\"IsPastDue\":true}"},"Metadata":{}}""";

        using var response = await _app.Client.PostAsync("/SweepTimers", new StringContent(payload, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.GetProperty("ReturnValue").GetProperty("IsPastDue").GetBoolean());
    }

    [Fact]
    public async Task Post_MalformedPayload_Answers400ProblemJson()
    {
        using var response = await _app.Client.PostAsync("/SweepTimers", new StringContent("{\"Data\":", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("X-ARR-LOG-ID", "a1b2")]
    [InlineData("X-MS-CLIENT-PRINCIPAL-ID", "someone")]
    public async Task Post_RequestProxiedFromOutside_IsNotFound(string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/SweepTimers") { Content = new StringContent(HostPayload, Encoding.UTF8, "application/json") };
        request.Headers.Add(header, value);

        using var response = await _app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
