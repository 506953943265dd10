namespace Telephony.Data.Infrastructure;

/// <summary>The activity source of the data layer's own spans (group-commit batches), for the app's tracer to listen to.</summary>
public static class DataTracing
{
    public const string SourceName = "Telephony.Data";
}
