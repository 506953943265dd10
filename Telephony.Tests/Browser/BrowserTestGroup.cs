namespace Telephony.Tests.Browser;

/// <summary>
/// Browser tests share one Chromium and run on their own after the parallel tests: they measure what a person sees
/// within a second, which a machine busy with every other test class at once would blur.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
