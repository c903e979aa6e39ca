using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Assist.Functions.Security;
using Assist.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace Assist.Functions.Tests.Api;

/// <summary>
/// One app on its own Azurite with one finance ticket (with an attachment), assigned and signed in, and a signed-in
/// client per caller of the authorisation matrix.
/// </summary>
public sealed class AuthorizationMatrixFixture : IAsyncLifetime
{
    public static readonly string[] StaffUsers = ["officer.finance.1", "head.finance", "supervisor.1", "hq.leader", "admin"];

    private AzuriteInstance? _azurite;
    private ApiHarness? _api;

    public ApiHarness Api => _api!;

    public string Number { get; private set; } = "";

    public string TrackingCode { get; private set; } = "";

    public string AttachmentId { get; private set; } = "";

    public Dictionary<string, HttpClient> Callers { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        _api = await ApiHarness.StartAsync(_azurite);
        using var form = new MultipartFormDataContent();
        foreach (var (key, value) in ApiHarness.Form())
        {
            form.Add(new StringContent(value is bool b ? (b ? "true" : "false") : (string)value!), key);
        }

        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("贷款申请材料清单\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "attachments", "清单.txt");
        using var created = await Api.Anonymous.PostAsync("/api/tickets", form);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await Api.App.DispatchedAsync();
        var receipt = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Number = receipt.GetProperty("number").GetString()!;
        TrackingCode = receipt.GetProperty("trackingCode").GetString()!;
        AttachmentId = receipt.GetProperty("attachments")[0].GetProperty("id").GetString()!;

        foreach (var user in StaffUsers)
        {
            Callers[user] = await Api.SignInAsync(user);
        }

        // A signed-in identity the directory does not know: authenticated, but no roles.
        var stranger = new HttpClient { BaseAddress = Api.App.BaseAddress };
        var token = Api.App.Services.GetRequiredService<DevTokenService>().Issue("stranger.not.in.directory").AccessToken;
        stranger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Callers["unknown"] = stranger;
        Callers["anonymous"] = Api.Anonymous;

        var head = Callers["head.finance"];
        var view = await ApiHarness.SendAsync(head, HttpMethod.Get, $"/api/staff/tickets/{Number}");
        if (view.Json.GetProperty("officerId").ValueKind == JsonValueKind.Null)
        {
            Assert.Equal(HttpStatusCode.OK, (await Api.ActAsync(head, Number, "assignment", new { officerId = "officer.finance.1" })).Status);
        }

        Assert.Equal(HttpStatusCode.OK, (await Api.ActAsync(Callers["officer.finance.1"], Number, "check-in", new { })).Status);
    }

    public async Task DisposeAsync()
    {
        Callers["unknown"].Dispose();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
