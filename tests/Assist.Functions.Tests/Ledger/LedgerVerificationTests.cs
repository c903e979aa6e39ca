using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Assist.Functions.Security;
using Assist.Functions.Tests.Api;
using Assist.LedgerVerifier;
using Assist.Storage;
using Assist.Storage.Workflow;
using Assist.Tests;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace Assist.Functions.Tests.Ledger;

/// <summary>
/// The ledger verifiable by anyone, end to end on one app: a stored event edited on Azurite is named by the server's
/// verification, the ledger API, the period's ledger chains, the staff page and the independent verifier (its code and
/// its command); and a confidential ticket's ledger, withheld where it names the enterprise, still verifies.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class LedgerVerificationTests(AzuriteFixture storage)
{
    [Fact]
    public async Task Ledger_StoredEventEdited_EveryVerifierNamesThatVersion()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        var ticket = await api.SubmitAsync();
        var head = await api.SignInAsync("head.finance");
        var supervisor = await api.SignInAsync("supervisor.1");
        var officer = await api.SignInAsync(await api.OfficerOfAsync(ticket.Number));
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(officer, ticket.Number, "check-in", new { })).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(officer, ticket.Number, "contacts", new { note = "电话联系企业负责人" })).Status);
        await api.App.DispatchedAsync();

        var intact = await ApiHarness.SendAsync(head, HttpMethod.Get, $"/api/staff/tickets/{ticket.Number}/ledger");
        Assert.True(intact.Json.GetProperty("valid").GetBoolean(), intact.Text);
        Assert.Equal(VerifierOutcome.Verified, VerifyCopy(intact.Text).Outcome);
        Assert.Contains("data-testid=\"ledger-check\"", await head.GetStringAsync($"/staff/tickets/{ticket.Number}"), StringComparison.Ordinal);

        var version = await TamperAsync(api, ticket.Number, "EnterpriseContacted", "电话联系", "上门联系");

        var server = await api.App.Services.GetRequiredService<TicketService>().GetLedgerAsync(ticket.Number);
        var ledger = await ApiHarness.SendAsync(head, HttpMethod.Get, $"/api/staff/tickets/{ticket.Number}/ledger");
        var period = intact.Json.GetProperty("entries")[0].GetProperty("at").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var chains = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, $"/api/reports/ledger-chains?period={period}");
        var page = await head.GetStringAsync($"/staff/tickets/{ticket.Number}");
        using var english = new HttpRequestMessage(HttpMethod.Get, $"/staff/tickets/{ticket.Number}");
        english.Headers.AcceptLanguage.ParseAdd("en");
        using var englishPage = await head.SendAsync(english);

        Assert.Equal((false, (long?)version), (server!.Verification.IsValid, server.Verification.FirstBrokenVersion));
        Assert.Equal((false, version), (ledger.Json.GetProperty("valid").GetBoolean(), ledger.Json.GetProperty("firstBrokenVersion").GetInt32()));
        var chain = Assert.Single(chains.Json.GetProperty("items").EnumerateArray(), c => c.GetProperty("number").GetString() == ticket.Number);
        Assert.Equal(version, chain.GetProperty("firstBrokenVersion").GetInt32());
        Assert.Contains($"账本在第{version}版被篡改", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"ledger-check\"", page, StringComparison.Ordinal);
        Assert.Contains($"Ledger broken at version {version}", await englishPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var copy = VerifyCopy(ledger.Text);
        Assert.Equal((VerifierOutcome.Broken, (long?)version), (copy.Outcome, copy.Version));
        Assert.Equal(VerifierOutcome.Broken, ChainVerifier.Verify(LedgerDocument.Parse(chains.Text).Single(l => l.Number == ticket.Number)).Outcome);

        // The command itself, once, against the running API as a third party would, saving what it read.
        var file = Path.Combine(Path.GetTempPath(), $"ledger-{Guid.NewGuid():N}.json");
        var token = api.App.Services.GetRequiredService<DevTokenService>().Issue("head.finance").AccessToken;
        try
        {
            var (exitCode, output) = await RunVerifierAsync("--ticket", ticket.Number, "--base-url", api.App.BaseAddress.ToString(), "--token", token, "--save", file);
            Assert.True(exitCode == 1, output);
            Assert.Contains($"{ticket.Number}: broken at version {version}:", output, StringComparison.Ordinal);
            Assert.Equal(version, VerifyCopy(await File.ReadAllTextAsync(file)).Version);
        }
        finally
        {
            File.Delete(file);
        }

        // An edit that leaves no ticket event at all is reported the same way, at its version, never as an error.
        await TamperAsync(api, ticket.Number, "EnterpriseContacted", "上门联系", "\"}{");
        using var unreadablePage = await head.GetAsync($"/staff/tickets/{ticket.Number}");
        var unreadable = await ApiHarness.SendAsync(head, HttpMethod.Get, $"/api/staff/tickets/{ticket.Number}/ledger");
        Assert.Equal(HttpStatusCode.OK, unreadablePage.StatusCode);
        Assert.Contains($"账本在第{version}版被篡改", await unreadablePage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(unreadable.Status == HttpStatusCode.OK, unreadable.Text);
        Assert.Equal((false, version), (unreadable.Json.GetProperty("valid").GetBoolean(), unreadable.Json.GetProperty("firstBrokenVersion").GetInt32()));
    }

    [Fact]
    public async Task Ledger_ConfidentialTicketToItsDepartment_NothingIdentifyingYetTheChainVerifies()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        var form = ApiHarness.Form(confidential: true);
        form["enterpriseName"] = AuthorizationMatrixFixture.SecretName;
        form["creditCode"] = AuthorizationMatrixFixture.SecretCreditCode;
        form["contactName"] = AuthorizationMatrixFixture.SecretContact;
        form["mobile"] = AuthorizationMatrixFixture.SecretMobile;
        var ticket = await api.SubmitAsync(form);
        var officer = await api.SignInAsync(await api.OfficerOfAsync(ticket.Number));
        var supervisor = await api.SignInAsync("supervisor.1");
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(officer, ticket.Number, "check-in", new { })).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(officer, ticket.Number, "information-requests", new { question = "请补充营业执照" })).Status);
        await ProvideInformationAsync(api, ticket, $"{AuthorizationMatrixFixture.SecretName}已补充", AuthorizationMatrixFixture.SecretFileName);
        await api.App.DispatchedAsync();

        var department = await ApiHarness.SendAsync(officer, HttpMethod.Get, $"/api/staff/tickets/{ticket.Number}/ledger");
        var overseer = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, $"/api/staff/tickets/{ticket.Number}/ledger");

        Assert.Equal(HttpStatusCode.OK, department.Status);
        foreach (var secret in AuthorizationMatrixFixture.Secrets)
        {
            Assert.False(department.Text.Contains(secret, StringComparison.Ordinal), $"{secret} leaked: {department.Text}");
        }

        var entries = department.Json.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal("enterprise-identity", Withheld(entries, "TicketSubmitted"));
        Assert.Equal("confidential-enterprise", Withheld(entries, "InformationProvided"));
        Assert.All(entries.Where(e => e.GetProperty("withheldBecause").ValueKind == JsonValueKind.Null), e => Assert.Equal(JsonValueKind.String, e.GetProperty("payload").ValueKind));
        Assert.Equal(VerifierOutcome.Verified, VerifyCopy(department.Text).Outcome);

        // Overseers see who the enterprise is, so its supplement too; never the submission (its full mobile has its logged reveal).
        Assert.Contains(AuthorizationMatrixFixture.SecretFileName, overseer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(AuthorizationMatrixFixture.SecretMobile, overseer.Text, StringComparison.Ordinal);
        Assert.Equal(VerifierOutcome.Verified, VerifyCopy(overseer.Text).Outcome);
    }

    private static string? Withheld(List<JsonElement> entries, string kind)
    {
        var entry = Assert.Single(entries, e => e.GetProperty("kind").GetString() == kind);
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("payload").ValueKind);
        return entry.GetProperty("withheldBecause").GetString();
    }

    private static VerifierResult VerifyCopy(string json) => ChainVerifier.Verify(Assert.Single(LedgerDocument.Parse(json)));

    /// <summary>Edits one character run of a stored event's payload in the Tickets table, as someone with storage access could; answers its version.</summary>
    private static async Task<int> TamperAsync(ApiHarness api, string number, string type, string from, string to)
    {
        var tickets = api.App.Services.GetRequiredService<StorageAccountClients>().Tables.GetTableClient(api.Prefix + "Tickets");
        var rows = new List<TableEntity>();
        await foreach (var stored in tickets.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {number} and Type eq {type}")))
        {
            rows.Add(stored);
        }

        var row = Assert.Single(rows);
        var payload = row.GetString("Payload")!;
        Assert.Contains(from, payload, StringComparison.Ordinal);
        row["Payload"] = payload.Replace(from, to, StringComparison.Ordinal);
        await tickets.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge);
        return row.GetInt32("Version")!.Value;
    }

    private static async Task ProvideInformationAsync(ApiHarness api, Submitted ticket, string answer, string fileName)
    {
        using var form = new MultipartFormDataContent { { new StringContent(answer), "answer" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("营业执照副本\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "attachments", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tickets/{ticket.Number}/information") { Content = form };
        request.Headers.Add("X-Tracking-Code", ticket.TrackingCode);
        using var response = await api.Anonymous.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Runs the verifier's own executable (what scripts/verify-ledger runs after building it).</summary>
    private static async Task<(int ExitCode, string Output)> RunVerifierAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Assist.LedgerVerifier.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
