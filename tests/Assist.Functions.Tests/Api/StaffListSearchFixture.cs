using System.Net;
using Assist.Tests;

namespace Assist.Functions.Tests.Api;

/// <summary>
/// One app on its own Azurite with five finance tickets for the staff-list paging and search tests, which only read:
/// two plain tickets of 甲乙科技, a plain and a confidential ticket of the same other enterprise (same name, same credit
/// code), and one more plain ticket.
/// </summary>
public sealed class StaffListSearchFixture : IAsyncLifetime
{
    public const string SharedName = "广州市检索样本有限公司";
    public const string SharedCode = "91440101MA5CXXXX08";
    public const string NamePart = "甲乙科技";

    private AzuriteInstance? _azurite;
    private ApiHarness? _api;

    public ApiHarness Api => _api!;

    /// <summary>Every ticket, in the order submitted.</summary>
    public List<string> Numbers { get; } = [];

    public string Plain { get; private set; } = "";

    public string Confidential { get; private set; } = "";

    public List<string> NamePartTickets { get; } = [];

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        // A Tuesday morning, China time: notifications are not held for office hours, whenever the tests run.
        _api = await ApiHarness.StartAsync(_azurite, new Dictionary<string, string?> { ["DevClock:Start"] = "2026-03-03T10:00:00+08:00" });
        foreach (var kind in new[] { "part", "shared", "secret", "part", "other" })
        {
            var form = ApiHarness.Form(confidential: kind == "secret");
            form["enterpriseName"] = kind switch
            {
                "part" => $"深圳市{NamePart}有限公司{NamePartTickets.Count + 1}",
                "shared" or "secret" => SharedName,
                _ => "东莞市其他制造有限公司",
            };
            if (kind is "shared" or "secret")
            {
                form["creditCode"] = SharedCode;
            }

            var number = (await Api.SubmitAsync(form)).Number;
            Numbers.Add(number);
            switch (kind)
            {
                case "part":
                    NamePartTickets.Add(number);
                    break;
                case "shared":
                    Plain = number;
                    break;
                case "secret":
                    Confidential = number;
                    break;
            }
        }

        var head = await Api.SignInAsync("head.finance");
        var queue = await ApiHarness.SendAsync(head, HttpMethod.Get, "/api/staff/departments/finance/queue");
        Assert.True(queue.Status == HttpStatusCode.OK && queue.Json.GetProperty("items").GetArrayLength() == Numbers.Count, queue.Text);
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
