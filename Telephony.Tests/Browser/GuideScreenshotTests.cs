using System.Buffers.Binary;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Telephony.Data;
using Telephony.Data.Identity;
using Telephony.Tests.Infrastructure;
using Telephony.Tests.Web;
using Telephony.Web.Auth;

namespace Telephony.Tests.Browser;

/// <summary>
/// The screenshots in the console guide (<c>docs/guide.md</c> and <c>docs/guide.fr.md</c>), taken from a working console
/// in English and in French: every page, the sign-in page and the wallboard. Each shot is checked before it is kept: the
/// page speaks the language, its heading is up and the data has drawn. The shots go to the test's output folder; with
/// <c>TELEPHONY_GUIDE_SCREENSHOTS</c> set to <c>docs/guide</c> (see <c>scripts/guide-screenshots.sh</c>) they refresh
/// the guide's own images. A second test holds the guides to the same list.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class GuideScreenshotTests(BrowserFixture browser, SeededConsole console) : IClassFixture<SeededConsole>
{
    private const int Width = 1280;
    private const int Height = 800;
    private const string FrenchEmail = "guide-fr@test.local";
    private const string FrenchPassword = "Guide-Fr-Pass-1";
    private static readonly ViewportSize Viewport = new() { Width = Width, Height = Height };

    /// <summary>The guide's screenshots: a file name for each console page, then sign-in and the wallboard.</summary>
    public static readonly (string Name, string Path)[] Shots =
    [
        ("sign-in", "/account/login"),
        ("overview", "/"),
        ("calls", "/calls"),
        ("voicemail", "/voicemail"),
        ("consent", "/consent"),
        ("alerts", "/alerts"),
        ("errors", "/errors"),
        ("reports", "/reports"),
        ("transactions", "/transactions"),
        ("numbers", "/numbers"),
        ("users", "/users"),
        ("callers", "/callers"),
        ("audit", "/audit"),
        ("settings", "/settings"),
        ("wallboard", "/wallboard"),
    ];

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly string[] Guides = ["guide.md", "guide.fr.md"];

    [Theory]
    [InlineData("en")]
    [InlineData("fr-CA")]
    public async Task Every_page_of_the_guide_is_shot_in_its_language(string language)
    {
        var folder = Path.Combine(OutputFolder(), language == "en" ? "en" : "fr");
        Directory.CreateDirectory(folder);

        // Before signing in, the sign-in page follows the browser's language.
        await using (var anonymous = await browser.Browser.NewContextAsync(new() { ViewportSize = Viewport, ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = language } }))
        {
            var signIn = await anonymous.NewPageAsync();
            await signIn.GotoAsync(console.BaseUrl + "/account/login");
            await Assertions.Expect(signIn.Locator("html")).ToHaveAttributeAsync("lang", language);
            await Assertions.Expect(signIn.Locator("button[type=submit]")).ToHaveTextAsync(language == "en" ? "Sign in" : "Se connecter");
            await ShootAsync(signIn, folder, "sign-in");
        }

        var page = await SignInAsync(language);
        try
        {
            await EnsureTenantAsync(page);
            await console.OpenAsync(page, "/");

            // The ringing call, the voicemail and the alert have drawn before the first shot.
            await Assertions.Expect(page.GetByTestId("tile-active-value")).Not.ToHaveTextAsync("0", new() { Timeout = 10_000 });
            foreach (var (name, path) in Shots.Where(s => s.Name is not "sign-in"))
            {
                await console.OpenAsync(page, path);
                await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
                var heading = name == "wallboard" ? page.GetByTestId("wallboard") : page.GetByRole(AriaRole.Heading, new() { Level = 1 });
                await Assertions.Expect(heading.First).ToBeVisibleAsync();
                await ShootAsync(page, folder, name);
            }
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        foreach (var (name, _) in Shots)
        {
            var png = await File.ReadAllBytesAsync(Path.Combine(folder, name + ".png"), TestContext.Current.CancellationToken);
            Assert.True(png.AsSpan(0, 8).SequenceEqual(PngSignature), $"{name}.png is not a PNG");
            Assert.Equal((Width, Height), (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
        }
    }

    [Fact]
    public void Each_guide_shows_every_screenshot_once_and_each_image_it_shows_exists()
    {
        var docs = Path.Combine(RepositoryRoot.Path, "docs");
        foreach (var guide in Guides)
        {
            var folder = guide == "guide.md" ? "en" : "fr";
            var images = Image().Matches(File.ReadAllText(Path.Combine(docs, guide))).Select(m => m.Groups["path"].Value).ToList();
            var expected = Shots.Select(s => $"guide/{folder}/{s.Name}.png").ToList();
            Assert.Equal(expected.Order(StringComparer.Ordinal), images.Order(StringComparer.Ordinal));
            foreach (var image in images)
            {
                Assert.True(File.Exists(Path.Combine(docs, image)), $"{guide} shows {image}, which is not in docs/");
            }
        }
    }

    /// <summary>
    /// A tenant onboarded from the Transactions page (against the simulator's own fake Twilio), once per console, so the
    /// Transactions and Numbers pages show what an admin works with rather than empty tables.
    /// </summary>
    private async Task EnsureTenantAsync(IPage page)
    {
        await using (var db = await console.App.Services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            if (await db.Tenants.AnyAsync(TestContext.Current.CancellationToken))
            {
                return;
            }
        }

        await console.OpenAsync(page, "/transactions");
        await page.Locator("input[data-testid=onboard-name], [data-testid=onboard-name] input").First.FillAsync("Maple Dental");
        await page.Locator("input[data-testid=onboard-area-code], [data-testid=onboard-area-code] input").First.FillAsync("604");
        await page.Keyboard.PressAsync("Tab");
        await page.GetByTestId("onboard").ClickAsync();
        await Assertions.Expect(page.GetByTestId("transaction-status").First).ToHaveTextAsync(new Regex("completed|terminée", RegexOptions.IgnoreCase), new() { Timeout = 20_000 });
    }

    private async Task<IPage> SignInAsync(string language)
    {
        if (language == "en")
        {
            return await browser.SignInAsync(console.BaseUrl, "/", viewport: Viewport);
        }

        await using (var scope = console.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var french = await users.FindByEmailAsync(FrenchEmail) ?? await console.App.CreateUserAsync(FrenchEmail, FrenchPassword, Roles.Admin);
            french = (await users.FindByIdAsync(french.Id))!;
            french.Language = "fr-CA";
            Assert.True((await users.UpdateAsync(french)).Succeeded);
        }

        return await browser.SignInAsync(console.BaseUrl, "/", FrenchEmail, FrenchPassword, Viewport);
    }

    private static async Task ShootAsync(IPage page, string folder, string name)
    {
        // A snackbar or a blinking caret would make the shots differ from one run to the next.
        await page.Mouse.MoveAsync(0, 0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), Animations = ScreenshotAnimations.Disabled, Caret = ScreenshotCaret.Hide });
    }

    private static string OutputFolder()
    {
        var configured = Environment.GetEnvironmentVariable("TELEPHONY_GUIDE_SCREENSHOTS");
        return string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(AppContext.BaseDirectory, "guide-screenshots")
            : Path.GetFullPath(configured, RepositoryRoot.Path);
    }

    // ![alt](guide/en/overview.png)
    [GeneratedRegex(@"!\[[^\]]*\]\((?<path>guide/[^)\s]+)\)")]
    private static partial Regex Image();
}
