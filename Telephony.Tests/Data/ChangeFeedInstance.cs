using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Telephony.Data;
using Telephony.Data.ChangeFeed;

namespace Telephony.Tests.Data;

/// <summary>One app instance's data services (what AddTelephonyData registers) with its hosted services running.</summary>
public sealed class ChangeFeedInstance : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly List<IHostedService> hosted;

    private ChangeFeedInstance(ServiceProvider services)
    {
        this.services = services;
        hosted = services.GetServices<IHostedService>().ToList();
    }

    public T Get<T>()
        where T : notnull => services.GetRequiredService<T>();

    public IChangeFeed Feed => services.GetRequiredService<IChangeFeed>();

    public IDbContextFactory<TelephonyDbContext> Contexts => services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>();

    public static async Task<ChangeFeedInstance> StartAsync(DatabaseProvider provider, string connectionString)
    {
        var instance = new ChangeFeedInstance(new ServiceCollection().AddTelephonyData(provider, connectionString).BuildServiceProvider());
        foreach (var service in instance.hosted)
        {
            await service.StartAsync(TestContext.Current.CancellationToken);
        }

        return instance;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }

        await services.DisposeAsync();
    }
}
