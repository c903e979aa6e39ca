using System.Net;
using System.Net.Sockets;
using Assist.Functions.Api.Tickets;
using Assist.Storage.Webhooks;
using Assist.Storage.Workflow;

namespace Assist.Functions.Api.Admin;

/// <summary>
/// The checks on a webhook receiver, for the admin API and the manage page alike. The URL is where Assist will post
/// signed notifications from inside its network, so it is held to: absolute https (http only in Development, where
/// receivers run on the developer's machine), no credentials in it (they would sit in storage and logs), no fragment
/// (never sent), and no link-local address (the cloud's instance metadata lives there). Names are not resolved here:
/// the check is of what the administrator typed.
/// </summary>
public static class WebhookChecks
{
    public const int MaxName = 100;
    public const int MaxUrl = 2000;

    public static (RequestChecks Checks, WebhookSubscriptionChange? Change) Receiver(WebhookRequest body, bool development)
    {
        ArgumentNullException.ThrowIfNull(body);
        var checks = new RequestChecks();
        if (string.IsNullOrWhiteSpace(body.Name))
        {
            checks.Add("name", "name.required", "Enter a name for the receiver.", "请填写接收端名称。");
        }
        else if (body.Name.Trim().Length > MaxName)
        {
            checks.Add("name", "name.too-long", $"The name may be at most {MaxName} characters.", $"名称最多{MaxName}个字。");
        }

        var url = Url(checks, body.Url, development);
        var events = (body.Events ?? []).Select(e => e?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        foreach (var unknown in events.Where(e => !NotificationKinds.All.Contains(e, StringComparer.Ordinal)))
        {
            checks.Add("events", "events.unknown", $"'{unknown}' is not a notification kind; use some of {string.Join(", ", NotificationKinds.All)}, or none for all.", $"“{unknown}”不是通知类型，请从 {string.Join("、", NotificationKinds.All)} 中选择，不选即全部。");
        }

        return checks.Errors.IsEmpty && url is not null
            ? (checks, new WebhookSubscriptionChange(body.Name!.Trim(), url, [.. NotificationKinds.All.Where(events.Contains)], body.Active ?? true))
            : (checks, null);
    }

    private static Uri? Url(RequestChecks checks, string? text, bool development)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            checks.Add("url", "url.required", "Enter the receiver's URL.", "请填写接收地址。");
            return null;
        }

        if (text.Length > MaxUrl || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            checks.Add("url", "url.format", "The URL is an absolute https:// address.", "接收地址须为完整的 https:// 地址。");
            return null;
        }

        if (url.Scheme == "http" && !development)
        {
            checks.Add("url", "url.https", "The URL must use https (http is accepted in Development only).", "接收地址须使用 https（仅开发环境允许 http）。");
        }

        if (url.UserInfo.Length > 0)
        {
            checks.Add("url", "url.credentials", "Put no user name or password in the URL: the receiver checks the signature instead.", "接收地址中不得包含用户名或密码，接收端应校验签名。");
        }

        if (url.Fragment.Length > 0)
        {
            checks.Add("url", "url.fragment", "The URL may not end in a #fragment.", "接收地址不得包含 # 片段。");
        }

        if (IPAddress.TryParse(url.DnsSafeHost, out var address) && (IsLinkLocal(address) || (!development && IPAddress.IsLoopback(address))))
        {
            checks.Add("url", "url.address", "The URL may not point at a link-local or loopback address.", "接收地址不得指向链路本地或本机地址。");
        }
        else if (!development && url.IsLoopback)
        {
            checks.Add("url", "url.address", "The URL may not point at a link-local or loopback address.", "接收地址不得指向链路本地或本机地址。");
        }

        return url;
    }

    private static bool IsLinkLocal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetwork
            ? address.GetAddressBytes() is [169, 254, ..]
            : address.IsIPv6LinkLocal;
    }
}
