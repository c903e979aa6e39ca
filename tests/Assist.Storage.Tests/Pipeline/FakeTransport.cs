using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Assist.Storage.Tests.Pipeline;

/// <summary>
/// An Azure.Core transport that never touches a network: it records each request as sent (method, URI,
/// headers, body) and answers from a queue of canned responses. Used only to observe what the client puts on
/// the wire (signatures, tokens); storage behaviour itself is tested against Azurite.
/// </summary>
internal sealed class FakeTransport : HttpPipelineTransport
{
    private readonly Queue<Func<FakeResponse>> _responses = new();

    public List<SentRequest> Requests { get; } = [];

    /// <summary>Runs as each request is "sent", e.g. to move a test clock between attempts.</summary>
    public Action? OnSend { get; set; }

    public FakeTransport Respond(int status, string body = "", params (string Name, string Value)[] headers)
    {
        _responses.Enqueue(() => new FakeResponse(status, body, headers));
        return this;
    }

    public override Request CreateRequest() => HttpClientTransport.Shared.CreateRequest();

    public override void Process(HttpMessage message) => Send(message);

    public override ValueTask ProcessAsync(HttpMessage message)
    {
        Send(message);
        return ValueTask.CompletedTask;
    }

    private void Send(HttpMessage message)
    {
        OnSend?.Invoke();
        var request = message.Request;
        byte[] body = [];
        if (request.Content is { } content)
        {
            using var buffer = new MemoryStream();
            content.WriteTo(buffer, CancellationToken.None);
            body = buffer.ToArray();
        }

        Requests.Add(new SentRequest(
            request.Method.Method,
            request.Uri.ToUri(),
            request.Headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase),
            body));
        message.Response = _responses.Count > 0 ? _responses.Dequeue()() : new FakeResponse(200, string.Empty, []);
    }

    internal sealed record SentRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, byte[] Body);

    private sealed class FakeResponse : Response
    {
        private readonly Dictionary<string, string> _headers;

        public FakeResponse(int status, string body, (string Name, string Value)[] headers)
        {
            Status = status;
            ContentStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body));
            _headers = headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase);
        }

        public override int Status { get; }

        public override string ReasonPhrase => Status.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public override Stream? ContentStream { get; set; }

        public override string ClientRequestId { get; set; } = string.Empty;

        public override void Dispose() => ContentStream?.Dispose();

        protected override bool ContainsHeader(string name) => _headers.ContainsKey(name);

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers.Select(h => new HttpHeader(h.Key, h.Value));

        protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => _headers.TryGetValue(name, out value);

        protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
        {
            values = _headers.TryGetValue(name, out var value) ? [value] : null;
            return values is not null;
        }
    }
}
