namespace Telephony.Data;

/// <summary>Which database engine backs the app (<c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
