namespace Telephony.Web.Simulator;

/// <summary>Names of the fake Twilio's operations, used to count calls and inject faults.</summary>
public static class FakeTwilioOperations
{
    public const string CreateAccount = "create-account";
    public const string ListAccounts = "list-accounts";
    public const string UpdateAccount = "update-account";
    public const string ListAvailable = "list-available";
    public const string BuyNumber = "buy-number";
    public const string ListNumbers = "list-numbers";
    public const string UpdateNumber = "update-number";
    public const string DeleteNumber = "delete-number";
    public const string ListCalls = "list-calls";
    public const string ListRecordings = "list-recordings";
}
