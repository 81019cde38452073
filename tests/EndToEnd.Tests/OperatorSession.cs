using System.Net.Http.Json;

namespace Kusabi.EndToEnd.Tests;

/// <summary>
/// A browser-like client that keeps no cookies of its own, so the session cookie is sent only where
/// a test puts it and never leaks into the shared client other tests use.
/// </summary>
public sealed class OperatorSession(SiloFixture silo) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = silo.BaseAddress };

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token = null, string? cookie = null, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        return _http.SendAsync(request);
    }

    /// <summary>Signs in with <paramref name="token"/> and returns the cookie as a browser would send it back.</summary>
    public async Task<string> SignInAsync(string token)
    {
        var response = await SendAsync(HttpMethod.Post, "/v1/operator/session", token);
        response.EnsureSuccessStatusCode();
        var setCookie = response.Headers.GetValues("Set-Cookie").Single();
        return setCookie.Split(';')[0];
    }

    public void Dispose() => _http.Dispose();
}
