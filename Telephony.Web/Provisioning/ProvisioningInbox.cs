using System.Threading.Channels;

namespace Telephony.Web.Provisioning;

/// <summary>Transactions this instance should drive now (new ones, admin retries, recovered ones).</summary>
public sealed class ProvisioningInbox
{
    private readonly Channel<Guid> channel = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(Guid transactionId) => channel.Writer.TryWrite(transactionId);

    internal ChannelReader<Guid> Reader => channel.Reader;
}
