using System.Net;
using Microsoft.EntityFrameworkCore;
using Telephony.Data;
using Telephony.Data.Infrastructure;
using Telephony.Tests.Infrastructure;
using Telephony.Tests.Web;

namespace Telephony.Tests.ScaleOut;

/// <summary>Data Protection keys live in the shared database: a sign-in on one instance is honoured by another.</summary>
public sealed class SharedKeyRingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_instances_started_together_on_an_empty_database_make_one_key_and_honour_each_others_cookie()
    {
        await using var database = await PostgresDatabase.CreateEmptyAsync();
        await using var a = new TelephonyAppFactory(DatabaseProvider.Postgres, database.ConnectionString);
        await using var b = new TelephonyAppFactory(DatabaseProvider.Postgres, database.ConnectionString);

        // Both start (migrate, create the key ring) at the same moment.
        await Task.WhenAll(Task.Run(() => a.Server, Ct), Task.Run(() => b.Server, Ct));
        using var onA = a.CreateBrowserlessClient();
        var cookie = await FormSignIn.SignInForCookieAsync(onA, TelephonyAppFactory.AdminEmail, TelephonyAppFactory.AdminPassword);
        using var onB = b.CreateBrowserlessClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tenants");
        request.Headers.Add("Cookie", cookie);
        using var response = await onB.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = database.CreateDbContext();
        var keys = await db.DataProtectionKeys.ToListAsync(Ct);
        Assert.Single(keys);
        Assert.Contains("<key ", keys[0].Xml!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_SQLite_the_key_ring_is_in_the_database_too()
    {
        await using var app = new TelephonyAppFactory();
        using var client = app.CreateBrowserlessClient();
        await FormSignIn.SignInAsync(client, TelephonyAppFactory.AdminEmail, TelephonyAppFactory.AdminPassword);

        await using var db = TelephonyDbOptions.CreateSqlite(app.ConnectionString);
        Assert.Equal(1, await db.DataProtectionKeys.CountAsync(Ct));
    }
}
