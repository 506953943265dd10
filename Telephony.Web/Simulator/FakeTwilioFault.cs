namespace Telephony.Web.Simulator;

/// <summary>How the fake Twilio fails a call: an error status, a throttle with <c>Retry-After</c>, or a hang.</summary>
public enum FakeTwilioFaultKind
{
    ServerError,
    TooManyRequests,
    Timeout,
}

/// <summary>Fails calls <see cref="FromCall"/> .. <see cref="FromCall"/> + <see cref="Times"/> - 1 (1-based) of <see cref="Operation"/>.</summary>
public sealed record FakeTwilioFault(string Operation, FakeTwilioFaultKind Kind, int FromCall = 1, int Times = int.MaxValue, int RetryAfterSeconds = 1)
{
    public bool Covers(int call) => call >= FromCall && call - FromCall < Times;
}
