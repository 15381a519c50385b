using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;

namespace Influence.Api.Endpoints;

/// <summary>
/// Rewrites what the framework says when it cannot bind a request ("Failed to bind parameter \"Nullable&lt;int&gt; Page\"",
/// "Implicit body inferred… Did you mean to use a Service instead?") as a sentence a caller can act on: which field, what
/// was sent, what is expected. Messages it does not recognise keep the framework's text, so nothing is hidden.
/// </summary>
internal static partial class BindingProblems
{
    /// <summary>Longest excerpt of a sent value quoted back.</summary>
    private const int MaxExcerpt = 60;

    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]+) (?<name>[^" ]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindFailed();

    [GeneratedRegex("""^Required parameter "(?<type>[^"]+) (?<name>[^" ]+)" was not provided from (?<source>[^.]+)\.$""")]
    private static partial Regex RequiredMissing();

    [GeneratedRegex("""^Implicit body inferred for parameter "[^"]+" but no body was provided""")]
    private static partial Regex BodyMissing();

    [GeneratedRegex("""^Failed to read parameter "[^"]+" from the request body as JSON\.$""")]
    private static partial Regex BodyUnreadable();

    [GeneratedRegex("""^Expected a supported JSON media type but got "(?<type>.*)"\.$""")]
    private static partial Regex NotJson();

    [GeneratedRegex("""could not be converted to (?<type>[\w.`\[\], ]+?)\. Path""")]
    private static partial Regex JsonConversion();

    /// <summary>The ProblemDetails for <paramref name="bad"/> (status, title, detail and, for a field, its error).</summary>
    public static ProblemDetails Describe(BadHttpRequestException bad, HttpContext http)
    {
        string message = bad.Message;
        Match m;
        if ((m = BindFailed().Match(message)).Success)
        {
            string field = QueryKey(http, m.Groups["name"].Value);
            return Invalid(field, $"'{Excerpt(m.Groups["value"].Value)}' is not {Expected(m.Groups["type"].Value)}.");
        }
        if ((m = RequiredMissing().Match(message)).Success)
        {
            if (m.Groups["source"].Value == "body") return Invalid("body", NeedsJsonBody(http));
            string field = QueryKey(http, m.Groups["name"].Value);
            return Invalid(field, $"is required ({m.Groups["source"].Value}); send {Expected(m.Groups["type"].Value)}.");
        }
        if (BodyMissing().IsMatch(message)) return Invalid("body", NeedsJsonBody(http));
        if (BodyUnreadable().IsMatch(message)) return Invalid("body", DescribeJson(bad.InnerException as JsonException));
        if ((m = NotJson().Match(message)).Success)
        {
            string sent = m.Groups["type"].Value.Length == 0 ? "no Content-Type" : $"Content-Type '{Excerpt(m.Groups["type"].Value)}'";
            return new ProblemDetails
            {
                Status = StatusCodes.Status415UnsupportedMediaType,
                Title = "Unsupported body type",
                Detail = $"{http.Request.Method} {http.Request.Path} takes a JSON body; {sent} is not accepted. Send Content-Type: application/json.",
            };
        }
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "Request too large",
                Detail = $"{message} Send a smaller body, or raise Influence:MaxRequestBytes.",
            };
        }
        return new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = message };
    }

    private static HttpValidationProblemDetails Invalid(string field, string reason) =>
        new(new Dictionary<string, string[]> { [field] = [reason] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid request",
            Detail = $"{field}: {reason}",
        };

    private static string NeedsJsonBody(HttpContext http) =>
        $"{http.Request.Method} {http.Request.Path} needs a JSON body (Content-Type: application/json); the reference at /docs shows an example.";

    /// <summary>Where and why the body is not the JSON the endpoint takes, without .NET type names.</summary>
    private static string DescribeJson(JsonException? json)
    {
        if (json is null) return "the body is not valid JSON.";
        string where = json.Path is { Length: > 0 } path ? $" at {path}" : "";
        if (json.LineNumber is { } line) where += string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, byte {json.BytePositionInLine + 1})");
        Match conversion = JsonConversion().Match(json.Message);
        if (conversion.Success) return $"the value{where} must be {Expected(conversion.Groups["type"].Value)}.";
        // Syntax errors: the reader's sentence is readable; its own position suffix is replaced by ours.
        string reason = json.InnerException?.Message ?? json.Message;
        int cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0) reason = reason[..cut];
        return $"the body is not valid JSON{where}: {reason.TrimEnd('.', ' ')}.";
    }

    /// <summary>"a whole number", "true or false", … for a CLR type name as the framework prints it.</summary>
    private static string Expected(string clrType)
    {
        string t = clrType.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>').Replace("System.", "", StringComparison.Ordinal);
        return t switch
        {
            "int" or "Int32" or "long" or "Int64" or "short" or "Int16" => "a whole number",
            "double" or "Double" or "float" or "Single" or "decimal" or "Decimal" => "a number",
            "bool" or "Boolean" => "true or false",
            "string" or "String" => "a string",
            _ when t.Contains("List", StringComparison.Ordinal) || t.EndsWith("[]", StringComparison.Ordinal) => "an array",
            _ => "a value of the documented type (see /docs)",
        };
    }

    /// <summary>The query key the caller sent for a bound parameter or property (names differ only in case).</summary>
    private static string QueryKey(HttpContext http, string parameterName)
    {
        foreach (string key in http.Request.Query.Keys)
            if (key.Equals(parameterName, StringComparison.OrdinalIgnoreCase)) return key;
        foreach (var (key, _) in http.Request.RouteValues)
            if (key.Equals(parameterName, StringComparison.OrdinalIgnoreCase)) return key;
        return parameterName.Length == 0 ? parameterName : char.ToLowerInvariant(parameterName[0]) + parameterName[1..];
    }

    /// <summary>At most <see cref="MaxExcerpt"/> characters, control characters escaped.</summary>
    private static string Excerpt(string value)
    {
        var sb = new StringBuilder(Math.Min(value.Length, MaxExcerpt) + 8);
        foreach (char c in value.Length > MaxExcerpt ? value[..MaxExcerpt] : value)
        {
            if (char.IsControl(c)) sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else sb.Append(c);
        }
        if (value.Length > MaxExcerpt) sb.Append('…');
        return sb.ToString();
    }
}
