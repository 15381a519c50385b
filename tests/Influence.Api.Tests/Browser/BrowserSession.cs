using System.Drawing;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Influence.Api.Tests.Browser;

/// <summary>A browser viewport the dashboard must work at.</summary>
/// <param name="Name">Short name used in screenshot file names.</param>
public sealed record Viewport(string Name, int Width, int Height)
{
    public static readonly Viewport Desktop = new("desktop-1280x800", 1280, 800);
    public static readonly Viewport Phone = new("phone-390x844", 390, 844);

    public static Viewport Parse(string name) => name switch
    {
        "desktop" => Desktop,
        "phone" => Phone,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Expected 'desktop' or 'phone'."),
    };

    public override string ToString() => Name;
}

/// <summary>
/// Headless system Chromium driven by the system chromedriver (both at /usr/bin, so Selenium Manager never
/// downloads anything). One session per test; screenshots go to <see cref="ScreenshotDirectory"/>.
/// </summary>
public sealed class BrowserSession : IDisposable
{
    /// <summary><c>/usr/bin/chromium</c>, or <c>INFLUENCE_CHROMIUM</c>.</summary>
    public static string ChromiumPath { get; } =
        Environment.GetEnvironmentVariable("INFLUENCE_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    /// <summary>Folder of <c>chromedriver</c>: <c>/usr/bin</c>, or <c>INFLUENCE_CHROMEDRIVER_DIR</c>.</summary>
    public static string ChromeDriverDirectory { get; } =
        Environment.GetEnvironmentVariable("INFLUENCE_CHROMEDRIVER_DIR") is { Length: > 0 } d ? d : "/usr/bin";

    private static readonly TimeSpan s_defaultWait = TimeSpan.FromSeconds(30);

    private BrowserSession(ChromeDriver driver, Viewport viewport, string baseUrl)
    {
        Driver = driver;
        Viewport = viewport;
        BaseUrl = baseUrl;
    }

    public ChromeDriver Driver { get; }
    public Viewport Viewport { get; }
    public string BaseUrl { get; }

    /// <summary><c>$INFLUENCE_TEST_ARTIFACTS/screenshots</c>, else <c>TestResults/screenshots</c> beside the test output.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("INFLUENCE_TEST_ARTIFACTS") is { Length: > 0 } dir ? dir : Path.Combine(AppContext.BaseDirectory, "TestResults"),
        "screenshots");

    /// <summary>Skips the test (with the reason) when chromium or chromedriver is not installed.</summary>
    public static void RequireBrowser()
    {
        Skip.IfNot(File.Exists(ChromiumPath),
            $"Browser test skipped: {ChromiumPath} not found (apt-get install chromium chromium-driver).");
        Skip.IfNot(File.Exists(Path.Combine(ChromeDriverDirectory, "chromedriver")),
            $"Browser test skipped: {ChromeDriverDirectory}/chromedriver not found (apt-get install chromium-driver).");
    }

    /// <summary>Starts headless Chromium at <paramref name="viewport"/>; skips when it is not installed.</summary>
    public static BrowserSession Start(string baseUrl, Viewport viewport)
    {
        RequireBrowser();
        ChromeDriverService service = ChromeDriverService.CreateDefaultService(ChromeDriverDirectory);
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--hide-scrollbars", "--disable-extensions", "--no-first-run", "--lang=en-US",
            $"--window-size={viewport.Width},{viewport.Height}");
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        // Make the layout viewport exactly the requested size (window chrome differs between versions).
        driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
        {
            ["width"] = viewport.Width,
            ["height"] = viewport.Height,
            ["deviceScaleFactor"] = 1,
            ["mobile"] = viewport.Width < 600,
        });
        return new BrowserSession(driver, viewport, baseUrl.TrimEnd('/'));
    }

    /// <summary>Opens the dashboard at a hash route, e.g. <c>#scatter</c>.</summary>
    public void Open(string route = "")
    {
        string url = $"{BaseUrl}/{route}";
        if (Driver.Url.StartsWith(BaseUrl, StringComparison.Ordinal) && route.StartsWith('#'))
            Driver.ExecuteScript("location.hash = arguments[0];", route);  // stay on the page, like a link click
        else
            Driver.Navigate().GoToUrl(url);
    }

    public IWebElement Find(string css) => Driver.FindElement(By.CssSelector(css));

    public IReadOnlyList<IWebElement> FindAll(string css) => Driver.FindElements(By.CssSelector(css));

    /// <summary>Waits until <paramref name="condition"/> returns a non-null/true value; the message says what never happened.</summary>
    public T WaitFor<T>(Func<IWebDriver, T> condition, string what, TimeSpan? timeout = null)
    {
        var wait = new WebDriverWait(Driver, timeout ?? s_defaultWait) { PollingInterval = TimeSpan.FromMilliseconds(100) };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        try
        {
            return wait.Until(condition);
        }
        catch (WebDriverTimeoutException e)
        {
            string banner = GlobalErrorText() is { Length: > 0 } text ? $" Page error banner: {text}" : "";
            Screenshot($"timeout-{Sanitize(what)}");
            throw new Xunit.Sdk.XunitException($"Timed out after {(timeout ?? s_defaultWait).TotalSeconds:F0} s waiting for {what} at {Viewport}.{banner} ({e.Message})");
        }
    }

    /// <summary>Waits for an element's attribute to satisfy a predicate and returns the attribute value.</summary>
    public string WaitForAttribute(string css, string attribute, Func<string, bool> predicate, string what, TimeSpan? timeout = null) =>
        WaitFor(d =>
        {
            string? value = d.FindElement(By.CssSelector(css)).GetAttribute(attribute);
            return value is not null && predicate(value) ? value : null;
        }, what, timeout)!;

    /// <summary>Text of the page-wide error banner when shown, else empty.</summary>
    public string GlobalErrorText()
    {
        try
        {
            IWebElement banner = Find("#global-error");
            return banner.Displayed ? banner.Text : "";
        }
        catch (WebDriverException)
        {
            return "";
        }
    }

    /// <summary>Saves a screenshot of the viewport as <c>{name}-{viewport}.png</c> and returns its path.</summary>
    public string Screenshot(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        string path = Path.Combine(ScreenshotDirectory, $"{Sanitize(name)}-{Viewport.Name}.png");
        Driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    /// <summary>Scrolls an element to the top of the viewport (for screenshots of a lower part of the page).</summary>
    public void ScrollTo(IWebElement element) =>
        Driver.ExecuteScript("arguments[0].scrollIntoView({block: 'start'});", element);

    /// <summary>True when the page needs no sideways scrolling at this viewport (responsive layout).</summary>
    public bool FitsViewportWidth(out long scrollWidth)
    {
        scrollWidth = Convert.ToInt64(Driver.ExecuteScript("return document.documentElement.scrollWidth;"), System.Globalization.CultureInfo.InvariantCulture);
        return scrollWidth <= Viewport.Width + 1;
    }

    public Size WindowSize => Driver.Manage().Window.Size;

    private static string Sanitize(string name)
    {
        var chars = name.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
            if (!char.IsLetterOrDigit(chars[i]) && chars[i] != '-') chars[i] = '-';
        return new string(chars);
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
    }
}
