using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Assist.Storage;
using Assist.Tests;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Assist.Functions.Tests.Api;

/// <summary>
/// One app on its own Azurite with small attachment limits, shared by the hostile-input tests: none of them moves the
/// clock, and each checks that its own request stored nothing (the store as it was before it, blob for blob and row
/// for row), so they need no app of their own.
/// </summary>
public sealed class HostileInputFixture : IAsyncLifetime
{
    public const int MaxBytes = 64 * 1024;

    private AzuriteInstance? _azurite;
    private ApiHarness? _api;

    public ApiHarness Api => _api!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        _api = await ApiHarness.StartAsync(_azurite, new Dictionary<string, string?>
        {
            ["Attachments:MaxBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Attachments:MaxFiles"] = "3",
        });
    }

    public async Task DisposeAsync()
    {
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

/// <summary>Hostile uploads and malformed requests: refused as problem+json, never a 500, and nothing left in storage.</summary>
public sealed class HostileInputTests(HostileInputFixture fixture) : IClassFixture<HostileInputFixture>
{
    private const int MaxBytes = HostileInputFixture.MaxBytes;
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private ApiHarness Api => fixture.Api;

    public static TheoryData<string, string> HostileUploads() => new()
    {
        { "oversize", "attachment.too-large" },
        { "wrong-magic", "attachment.type-not-allowed" },
        { "path-traversal", "attachment.name-invalid" },
        { "zero-bytes", "attachment.empty" },
        { "too-many", "attachment.too-many" },
    };

    [Theory]
    [MemberData(nameof(HostileUploads))]
    public async Task Submit_HostileUpload_IsRefusedWithProblemAndLeavesNothingStored(string kind, string code)
    {
        var api = Api;
        var before = await StoredAsync(api);
        using var form = new MultipartFormDataContent();
        foreach (var (key, value) in ApiHarness.Form())
        {
            form.Add(new StringContent(value is bool b ? (b ? "true" : "false") : (string)value!), key);
        }

        // A good file first, so the refusal must also remove what was already stored.
        Add(form, Png, "ok.png", "image/png");
        switch (kind)
        {
            case "oversize":
                var big = new byte[MaxBytes + 4096];
                Png.CopyTo(big, 0);
                Add(form, big, "big.png", "image/png");
                break;
            case "wrong-magic":
                Add(form, Encoding.ASCII.GetBytes("MZ\x90\0\x03\0\0\0 this is a windows executable"), "invoice.pdf", "application/pdf");
                break;
            case "path-traversal":
                Add(form, Png, "../../etc/passwd.png", "image/png");
                break;
            case "zero-bytes":
                Add(form, [], "empty.pdf", "application/pdf");
                break;
            case "too-many":
                for (var i = 0; i < 3; i++)
                {
                    Add(form, Png, $"more{i}.png", "image/png");
                }

                break;
        }

        using var response = await api.Anonymous.PostAsync("/api/tickets", form);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"code\":\"{code}\"", text, StringComparison.Ordinal);
        Assert.Contains("\"attachments\":[", text, StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync(api));
    }

    public static TheoryData<string, string, string?> DisguisedFiles() => new()
    {
        { "<!doctype html><html><body><script>alert(1)</script></body></html>", "营业执照.pdf", null },
        { "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", "photo.png", "en-US,en;q=0.9" },
        { "<script>alert(document.cookie)</script>", "scan.jpg", null },
        { "<html><body onload=alert(1)></body></html>", "合同.docx", "en" },
    };

    [Theory]
    [MemberData(nameof(DisguisedFiles))]
    public async Task Submit_MarkupNamedAsDocumentOrImage_RefusedNamingTheFileAndAcceptedTypes(string markup, string fileName, string? language)
    {
        var api = Api;
        var before = await StoredAsync(api);
        using var form = new MultipartFormDataContent();
        foreach (var (key, value) in ApiHarness.Form())
        {
            form.Add(new StringContent(value is bool b ? (b ? "true" : "false") : (string)value!), key);
        }

        Add(form, Png, "ok.png", "image/png");
        Add(form, Encoding.UTF8.GetBytes(markup), fileName, "application/octet-stream");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tickets") { Content = form };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        using var response = await api.Anonymous.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = System.Text.Json.JsonDocument.Parse(text);
        var message = problem.RootElement.GetProperty("errors").GetProperty("attachments")[0].GetString()!;
        Assert.StartsWith(fileName, message, StringComparison.Ordinal);
        Assert.Contains(language is null ? "仅接受" : "Accepted types", message, StringComparison.Ordinal);
        Assert.Contains(".pdf", message, StringComparison.Ordinal);
        Assert.Contains(".txt", message, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"attachment.type-mismatch\"", text, StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync(api));
    }

    [Fact]
    public async Task Submit_SeveralFilesRefused_EveryRefusedFileIsNamedWithItsReasonAndNothingStored()
    {
        var api = Api;
        var before = await StoredAsync(api);
        using var form = new MultipartFormDataContent();
        foreach (var (key, value) in ApiHarness.Form())
        {
            form.Add(new StringContent(value is bool b ? (b ? "true" : "false") : (string)value!), key);
        }

        Add(form, Encoding.UTF8.GetBytes("<html><body>x</body></html>"), "营业执照.pdf", "application/pdf");
        Add(form, Png, "ok.png", "image/png");
        Add(form, [0x4D, 0x5A, 0x90, 0x00], "setup.exe", "application/octet-stream");

        using var response = await api.Anonymous.PostAsync("/api/tickets", form);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        using var problem = System.Text.Json.JsonDocument.Parse(text);
        var messages = problem.RootElement.GetProperty("errors").GetProperty("attachments").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Equal(2, messages.Count);
        Assert.StartsWith("营业执照.pdf", messages[0], StringComparison.Ordinal);
        Assert.StartsWith("setup.exe", messages[1], StringComparison.Ordinal);
        Assert.Equal("attachment.type-mismatch", problem.RootElement.GetProperty("code").GetString());
        Assert.Contains("setup.exe", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync(api));
    }

    [Fact]
    public async Task Submit_InvalidFormWithGoodFile_RemovesTheFileAndNamesTheFields()
    {
        var api = Api;
        var before = await StoredAsync(api);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("9144030071526726XA"), "creditCode" },
            { new StringContent("12345"), "mobile" },
            { new StringContent("maybe"), "urgent" },
        };
        Add(form, Png, "ok.png", "image/png");

        using var response = await api.Anonymous.PostAsync("/api/tickets", form);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"urgent\"", text, StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync(api));
    }

    [Fact]
    public async Task Submit_InvalidJsonForm_AnswersFieldErrorsInChineseOrEnglish()
    {
        var api = Api;
        var before = await StoredAsync(api);
        var form = ApiHarness.Form();
        form["creditCode"] = "9144030071526726XA";
        form["mobile"] = "12345";

        var chinese = await ApiHarness.SendAsync(api.Anonymous, HttpMethod.Post, "/api/tickets", form);
        var english = await ApiHarness.SendAsync(api.Anonymous, HttpMethod.Post, "/api/tickets", form, language: "en-US,en;q=0.9");

        Assert.Equal(HttpStatusCode.BadRequest, chinese.Status);
        Assert.True(chinese.IsProblem);
        var errors = chinese.Json.GetProperty("errors");
        Assert.Contains("手机", errors.GetProperty("mobile")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("creditCode", out _));
        Assert.Contains("mobile", english.Json.GetProperty("errors").GetProperty("mobile")[0].GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await StoredAsync(api));
    }

    public static TheoryData<string, string, string?, string> MalformedRequests() => new()
    {
        { "POST", "/api/tickets", "application/json", "{\"enterpriseName\": " },
        { "POST", "/api/tickets", "application/json", "[1,2,3]" },
        { "POST", "/api/tickets", "application/json", "{\"urgent\":\"sometimes\"}" },
        { "POST", "/api/tickets", "application/json", "null" },
        { "POST", "/api/tickets", "text/plain", "hello" },
        { "POST", "/api/tickets", null, "" },
        { "POST", "/api/tickets", "multipart/form-data", "no boundary here" },
        { "POST", "/api/tickets", "multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data\r\n\r\nunterminated" },
        { "POST", "/api/tickets", "application/json", new string('[', 5000) + new string(']', 5000) },
        { "POST", "/api/dev/token", "application/json", "{\"user\": 42}" },
        { "POST", "/api/dev/clock", "application/json", "{\"advance\":\"tomorrow\"}" },
        { "POST", "/api/dev/clock", "application/json", "{\"now\":\"2001-01-01T00:00:00Z\"}" },
        { "POST", "/api/dev/clock", "application/json", "{\"advance\":\"-PT1H\"}" },
        { "POST", "/api/dev/clock", "application/json", "{}" },
        { "GET", "/api/tickets/..%2F..%2Fhead", null, "" },
        { "GET", "/api/tickets/" + "N" + "0000000000000000000000000000000000000000000000000000000000000000000000", null, "" },
        { "POST", "/api/tickets/2026-0101-AAAAAA/confirmation", "application/json", "{\"rating\":\"Ecstatic\"}" },
        { "POST", "/api/tickets/2026-0101-AAAAAA/confirmation", "application/json", "{\"rating\":99}" },
        { "POST", "/SweepTimers", "application/json", "{\"Data\":" },
    };

    [Theory]
    [MemberData(nameof(MalformedRequests))]
    public async Task Send_MalformedRequest_AnswersA4xxProblemNever500(string method, string path, string? contentType, string body)
    {
        var api = Api;
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (contentType is not null)
        {
            request.Content = new StringContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        request.Headers.Add("X-Tracking-Code", "ABCDEFGHJKLMNPQRSTUVWXYZ23456789");
        using var response = await api.Anonymous.SendAsync(request);

        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"{status} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Send_StaffMutationWithWrongTypesOrHugeBody_Answers400Or413()
    {
        var api = Api;
        var submitted = await api.SubmitAsync();
        var supervisor = await api.SignInAsync("supervisor.1");
        var version = await api.VersionAsync(submitted.Number);

        var wrongType = await ApiHarness.SendAsync(supervisor, HttpMethod.Post, $"/api/staff/tickets/{submitted.Number}/supervision-orders", new { instructions = "x", workingDays = "many" }, version);
        var huge = await ApiHarness.SendAsync(supervisor, HttpMethod.Post, $"/api/staff/tickets/{submitted.Number}/escalation", new { note = new string('x', 300 * 1024) }, version);
        var noVersion = await ApiHarness.SendAsync(supervisor, HttpMethod.Post, $"/api/staff/tickets/{submitted.Number}/escalation", new { note = "x" });
        var badVersion = await ApiHarness.SendAsync(supervisor, HttpMethod.Post, $"/api/staff/tickets/{submitted.Number}/escalation", new { note = "x" }, version + 7);

        Assert.Equal(HttpStatusCode.BadRequest, wrongType.Status);
        Assert.True(wrongType.Json.GetProperty("errors").TryGetProperty("workingDays", out _), wrongType.Text);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.Status);
        Assert.Equal(HttpStatusCode.PreconditionRequired, noVersion.Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, badVersion.Status);
        Assert.All(new[] { wrongType, huge, noVersion, badVersion }, a => Assert.True(a.IsProblem, a.Text));
    }

    private static void Add(MultipartFormDataContent form, byte[] bytes, string fileName, string contentType)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"attachments\"", FileName = "\"" + fileName + "\"" };
        form.Add(file);
    }

    /// <summary>
    /// What the engine holds that a refused request could leave behind: every blob of its containers (pending uploads,
    /// attachments) and every row of its Tickets table, by name. A test compares it before and after its request.
    /// </summary>
    private static async Task<List<string>> StoredAsync(ApiHarness api)
    {
        var clients = api.App.Services.GetRequiredService<StorageAccountClients>();
        var prefix = api.Prefix.ToLowerInvariant();
        var stored = new List<string>();
        foreach (var container in new[] { clients.Blobs.GetBlobContainerClient(prefix + "uploads-pending"), clients.Blobs.GetBlobContainerClient(prefix + "attachments") })
        {
            if (!await container.ExistsAsync())
            {
                continue;
            }

            await foreach (var blob in container.GetBlobsAsync())
            {
                stored.Add(container.Name + "/" + blob.Name);
            }
        }

        await foreach (var row in clients.Tables.GetTableClient(api.Prefix + "Tickets").QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            stored.Add("Tickets/" + row.PartitionKey + "/" + row.RowKey);
        }

        return stored;
    }
}
