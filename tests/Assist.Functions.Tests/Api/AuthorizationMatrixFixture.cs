using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Assist.Functions.Security;
using Assist.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace Assist.Functions.Tests.Api;

/// <summary>
/// One app on its own Azurite with two finance tickets, each with an attachment, assigned and signed in — one plain,
/// one confidential (保密) from an enterprise whose identifying fields appear nowhere else — and a signed-in client per
/// caller of the authorisation matrix.
/// </summary>
public sealed class AuthorizationMatrixFixture : IAsyncLifetime
{
    public static readonly string[] StaffUsers = ["officer.finance.1", "head.finance", "supervisor.1", "hq.leader", "admin"];

    public const string SecretName = "广州市保密样本有限公司";
    public const string SecretCreditCode = "91440101MA5CXXXX08";
    public const string SecretContact = "赵保密";
    public const string SecretMobile = "13912345678";
    public const string SecretMobileMasked = "139****5678";

    /// <summary>The confidential ticket's attachment is named after the enterprise, as real uploads often are.</summary>
    public const string SecretFileName = "营业执照-保密样本.txt";

    private AzuriteInstance? _azurite;
    private ApiHarness? _api;

    public ApiHarness Api => _api!;

    public string Number { get; private set; } = "";

    public string TrackingCode { get; private set; } = "";

    public string AttachmentId { get; private set; } = "";

    public string ConfidentialNumber { get; private set; } = "";

    public string ConfidentialTrackingCode { get; private set; } = "";

    public string ConfidentialAttachmentId { get; private set; } = "";

    /// <summary>What identifies the confidential enterprise (the file name by its stem: headers may encode it).</summary>
    public static IReadOnlyList<string> Secrets { get; } = [SecretName, SecretCreditCode, SecretContact, SecretMobile, SecretMobileMasked, Path.GetFileNameWithoutExtension(SecretFileName)];

    public Dictionary<string, HttpClient> Callers { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        _api = await ApiHarness.StartAsync(_azurite);
        (Number, TrackingCode, AttachmentId) = await SubmitWithAttachmentAsync(ApiHarness.Form(), "清单.txt");
        var secret = ApiHarness.Form(confidential: true);
        secret["enterpriseName"] = SecretName;
        secret["creditCode"] = SecretCreditCode;
        secret["contactName"] = SecretContact;
        secret["mobile"] = SecretMobile;
        (ConfidentialNumber, ConfidentialTrackingCode, ConfidentialAttachmentId) = await SubmitWithAttachmentAsync(secret, SecretFileName);

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
        foreach (var number in new[] { Number, ConfidentialNumber })
        {
            var view = await ApiHarness.SendAsync(head, HttpMethod.Get, $"/api/staff/tickets/{number}");
            if (view.Json.GetProperty("officerId").ValueKind == JsonValueKind.Null)
            {
                Assert.Equal(HttpStatusCode.OK, (await Api.ActAsync(head, number, "assignment", new { officerId = "officer.finance.1" })).Status);
            }

            Assert.Equal(HttpStatusCode.OK, (await Api.ActAsync(Callers["officer.finance.1"], number, "check-in", new { })).Status);
        }

        await Api.App.DispatchedAsync();
    }

    private async Task<(string Number, string TrackingCode, string AttachmentId)> SubmitWithAttachmentAsync(Dictionary<string, object?> fields, string fileName)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (key, value) in fields)
        {
            form.Add(new StringContent(value is bool b ? (b ? "true" : "false") : (string)value!), key);
        }

        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("贷款申请材料清单\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "attachments", fileName);
        using var created = await Api.Anonymous.PostAsync("/api/tickets", form);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await Api.App.DispatchedAsync();
        var receipt = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        return (receipt.GetProperty("number").GetString()!, receipt.GetProperty("trackingCode").GetString()!, receipt.GetProperty("attachments")[0].GetProperty("id").GetString()!);
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
