using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assist.Functions.Pages.Enterprise;

/// <summary>The receipt, shown once after a submission: ticket number and tracking code, to copy or print.</summary>
[AllowAnonymous]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ReceiptModel : PageModel
{
    public ReceiptData? Receipt { get; private set; }

    public void OnGet()
    {
        if (TempData[SubmitModel.ReceiptKey] is string json)
        {
            Receipt = JsonSerializer.Deserialize<ReceiptData>(json);
        }

        // The code is on this page: it must not sit in any cache.
        Response.Headers.CacheControl = "no-store";
    }
}
