using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Telephony.Core.Validation;
using Telephony.Data.Privacy;
using Telephony.Web.Privacy;

namespace Telephony.Web.Components.Pages;

public partial class CallerDataPage
{
    private string phone = "";
    private string? problem;
    private CallerDataExport? export;
    private CallerErasure? erasure;
    private bool confirmingErase;
    private bool busy;

    [Inject]
    private CallerDataService Callers { get; set; } = null!;

    [Inject]
    private AuthenticationStateProvider Auth { get; set; } = null!;

    private string ExportHref => export is null ? "" : $"api/callers/{Uri.EscapeDataString(export.PhoneNumber)}/export";

    private async Task LookUpAsync()
    {
        var number = phone.Trim();
        erasure = null;
        confirmingErase = false;
        if (!E164.IsValid(number))
        {
            (problem, export) = (L["Enter a phone number in E.164 form, e.g. +15145550123."], null);
            return;
        }

        busy = true;
        try
        {
            problem = null;
            export = await Callers.ExportAsync((await Auth.GetAuthenticationStateAsync()).User, number, CancellationToken.None);
        }
        finally
        {
            busy = false;
        }
    }

    private async Task EraseAsync()
    {
        if (export is null)
        {
            return;
        }

        busy = true;
        try
        {
            var user = (await Auth.GetAuthenticationStateAsync()).User;
            erasure = await Callers.EraseAsync(user, export.PhoneNumber, CancellationToken.None);
            confirmingErase = false;
            export = await Callers.ExportAsync(user, export.PhoneNumber, CancellationToken.None);
        }
        finally
        {
            busy = false;
        }
    }
}
