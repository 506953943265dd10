namespace Telephony.Tests;

public class SmokeTests
{
    [Fact]
    public void Core_assembly_loads() => Assert.Equal("Telephony.Core", typeof(Telephony.Core.CoreAssembly).Assembly.GetName().Name);
}
