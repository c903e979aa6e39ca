using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Assist.Bench.Harness;
using Azure.Data.Tables;

namespace Assist.Bench.Fault;

/// <summary>
/// At least 200 generated bad submissions — malformed multipart, huge fields, invalid credit codes, script injection
/// into fields with a format, bad files, malformed JSON — each must be answered 4xx with problem+json, and afterwards
/// storage must hold no ticket, no idempotency claim, no pending upload, no attachment, no orchestration and no
/// scheduling marker.
/// </summary>
internal static class HostileInputTest
{
    private const string Script = "<script>alert(document.cookie)</script>";

    public static async Task RunAsync(FaultReport report, CancellationToken cancellationToken)
    {
        Console.WriteLine("## 4. Hostile input");
        using var http = ApiClient.Create(TimeSpan.FromSeconds(60));
        await using var azurite = await BenchAzurite.StartAsync(cancellationToken);
        await using var app = new AppProcess("fault-hostile", azurite.ConnectionString, new Dictionary<string, string> { ["Scheduler__Enabled"] = "false" });
        await app.StartAsync(http, cancellationToken);

        var cases = Generate().ToList();
        var byCategory = new Dictionary<string, (int Total, int Ok)>(StringComparer.Ordinal);
        foreach (var (category, name, build) in cases)
        {
            report.Add("requests");
            report.Add("hostile submissions");
            using var request = build(new Uri(app.BaseAddress, "api/tickets"));
            using var response = await http.SendAsync(request, cancellationToken);
            var code = (int)response.StatusCode;
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            var ok = code is >= 400 and < 500 && problem;
            if (!ok)
            {
                report.Fail("hostile answered not 4xx problem+json", $"{category}/{name}: {code} {response.Content.Headers.ContentType?.MediaType}");
            }

            var (total, good) = byCategory.GetValueOrDefault(category);
            byCategory[category] = (total + 1, good + (ok ? 1 : 0));
        }

        using var engine = new Engine(azurite.ConnectionString, TimeProvider.System);
        var rows = 0;
        await foreach (var _ in engine.Storage.Tickets.QueryAsync<TableEntity>(select: [nameof(TableEntity.RowKey)], cancellationToken: cancellationToken))
        {
            rows++;
        }

        var blobs = 0;
        foreach (var container in new[] { engine.Storage.PendingUploads, engine.Storage.Attachments })
        {
            await foreach (var _ in container.GetBlobsAsync(cancellationToken: cancellationToken))
            {
                blobs++;
            }
        }

        // Nor anything for the engine: no orchestration scheduled, no submission marked as waiting for one.
        var lifecycle = await new Orchestrations(azurite.ConnectionString).ReadAsync(engine, cancellationToken);
        if (rows + blobs + lifecycle.Instances.Count + lifecycle.PendingMarkers.Count > 0)
        {
            report.Fail("hostile stored", $"{rows} ticket-table rows, {blobs} blobs, {lifecycle.Instances.Count} orchestrations and {lifecycle.PendingMarkers.Count} scheduling markers left behind");
        }

        await app.StopAsync();
        var table = new ResultTable("Category", "Requests", "4xx problem+json");
        foreach (var (category, (total, good)) in byCategory)
        {
            table.Add(category, total, good);
        }

        Console.Write(table);
        Console.WriteLine($"  stored afterwards: {rows} rows in Tickets, {blobs} blobs in uploads-pending and attachments, {lifecycle.Instances.Count} orchestrations, {lifecycle.PendingMarkers.Count} scheduling markers");
        Console.WriteLine();
    }

    private static Dictionary<string, string> ValidFields(int n) => new(StringComparer.Ordinal)
    {
        ["enterpriseName"] = "深圳市示例科技有限公司",
        ["creditCode"] = "9144030071526726XG",
        ["district"] = "高新区",
        ["contactName"] = "王经理",
        ["mobile"] = "13800138000",
        ["type"] = "Help",
        ["topic"] = "FINANCE",
        ["title"] = "贷款审批迟迟没有结果 " + n.ToString(CultureInfo.InvariantCulture),
        ["description"] = "三个月前申请的流动资金贷款至今未获审批，影响原材料采购，请协调。",
        ["consentGiven"] = "true",
    };

    private static HttpRequestMessage JsonRequest(Uri uri, Dictionary<string, object> fields) =>
        new(HttpMethod.Post, uri) { Content = ApiClient.Json(JsonSerializer.Serialize(fields)) };

    private static Dictionary<string, object> JsonFields(int n, string field, object value)
    {
        var fields = ValidFields(n).ToDictionary(f => f.Key, f => (object)f.Value, StringComparer.Ordinal);
        fields["consentGiven"] = true;
        fields[field] = value;
        return fields;
    }

    private static HttpRequestMessage Raw(Uri uri, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
    }

    private static HttpRequestMessage Multipart(Uri uri, Dictionary<string, string> fields, params (string Name, byte[] Bytes, string Type)[] files)
    {
        var form = new MultipartFormDataContent("----assist-hostile-" + Guid.NewGuid().ToString("N"));
        foreach (var (key, value) in fields)
        {
            form.Add(new StringContent(value, Encoding.UTF8), key);
        }

        foreach (var (name, bytes, type) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            form.Add(file, "attachments", name);
        }

        return new HttpRequestMessage(HttpMethod.Post, uri) { Content = form };
    }

    private static IEnumerable<(string Category, string Name, Func<Uri, HttpRequestMessage> Build)> Generate()
    {
        var random = new Random(20261121);
        const string Boundary = "XyZzY";

        // Malformed multipart: 40.
        for (var i = 0; i < 8; i++)
        {
            var n = i;
            yield return ("malformed multipart", "no boundary", u => Raw(u, Encoding.UTF8.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nx{n}\r\n--{Boundary}--\r\n"), "multipart/form-data"));
            yield return ("malformed multipart", "wrong boundary", u => Raw(u, Encoding.UTF8.GetBytes($"--other{n}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nx\r\n--other{n}--\r\n"), $"multipart/form-data; boundary={Boundary}"));
            yield return ("malformed multipart", "truncated", u => Raw(u, Encoding.UTF8.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7 {new string('A', 1000 * (n + 1))}"), $"multipart/form-data; boundary={Boundary}"));
            yield return ("malformed multipart", "part without disposition", u => Raw(u, Encoding.UTF8.GetBytes($"--{Boundary}\r\nContent-Type: text/plain\r\n\r\nhello {n}\r\n--{Boundary}--\r\n"), $"multipart/form-data; boundary={Boundary}"));
            var garbage = new byte[512 * (n + 1)];
            random.NextBytes(garbage);
            yield return ("malformed multipart", "random bytes", u => Raw(u, garbage, $"multipart/form-data; boundary={Boundary}"));
        }

        // Huge fields: 30 (JSON and multipart).
        foreach (var field in new[] { "enterpriseName", "contactName", "title", "description", "district", "mobile" })
        {
            foreach (var size in new[] { 5_001, 100_000, 1_000_000 })
            {
                var f = field;
                var s = size;
                yield return ("huge fields", $"{f} {s:N0} chars (JSON)", u => JsonRequest(u, JsonFields(s, f, new string('长', s))));
            }

            var g = field;
            yield return ("huge fields", $"{g} 300,000 chars (multipart)", u =>
            {
                var fields = ValidFields(1);
                fields[g] = new string('x', 300_000);
                return Multipart(u, fields);
            });
            yield return ("huge fields", "Idempotency-Key 10,000 chars", u =>
            {
                var request = JsonRequest(u, JsonFields(2, "title", "正常标题"));
                request.Headers.TryAddWithoutValidation("Idempotency-Key", new string('k', 10_000));
                return request;
            });
        }

        // Invalid unified social credit codes: 50.
        const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        for (var i = 0; i < 30; i++)
        {
            var chars = Enumerable.Range(0, 18).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray();
            var valid = "9144030071526726XG";
            // A valid body with a wrong check character, or random codes (which fail the checksum 30 times in 31).
            var code = i < 15 ? valid[..17] + Alphabet.Where(c => c != 'G').ElementAt(i % 30) : new string(chars);
            if (code == valid)
            {
                code = valid[..17] + "0";
            }

            yield return ("invalid credit codes", code, u => JsonRequest(u, JsonFields(i, "creditCode", code)));
        }

        foreach (var code in new[] { "", " ", "914403007152672", "9144030071526726XG1", "9144030071526726xg", "91440300715267OIZS", "914403007152-726XG", "ＡＢＣ４０３００７１５２６７２６ＸＧ",
                     "9144030071526726X\u0000", "9144030071526726X\n", "' OR '1'='1", "../../../../etc/passwd", "%00%00", "null", "99999999999999999", "00000000000000000X",
                     "9144030071526726XGXG", "😀😀😀😀😀😀😀😀😀", "9144030071526726X", "91440300 71526726XG" })
        {
            var c = code;
            yield return ("invalid credit codes", c.Length > 20 ? c[..20] : c, u => JsonRequest(u, JsonFields(3, "creditCode", c)));
        }

        // Script injection into fields that have a format (credit code, mobile, district, topic, type, file names, header): 40.
        foreach (var field in new[] { "creditCode", "mobile", "district", "topic", "type" })
        {
            foreach (var payload in new[] { Script, "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "{{constructor.constructor('alert(1)')()}}", "'; DROP TABLE Tickets; --", "${jndi:ldap://127.0.0.1/a}" })
            {
                var f = field;
                var p = payload;
                yield return ("script injection", $"{f} = {p[..Math.Min(16, p.Length)]}", u => JsonRequest(u, JsonFields(4, f, p)));
            }
        }

        foreach (var name in new[] { Script + ".pdf", "<svg onload=alert(1)>.png", "<b onmouseover=alert(1)>x</b>.txt", "..\\..\\evil.txt", "../../../etc/passwd" })
        {
            var n = name;
            yield return ("script injection", "file name " + n[..Math.Min(16, n.Length)], u => Multipart(u, ValidFields(5), (n, Encoding.UTF8.GetBytes("plain text"), "text/plain")));
        }

        foreach (var payload in new[] { Script, "<iframe src=javascript:alert(1)>", "\u202Eexe.pdf", "\u0000\u0001\u0002", "<!--#exec cmd=\"ls\"-->" })
        {
            var p = payload;
            yield return ("script injection", "consentGiven = " + p[..Math.Min(12, p.Length)], u =>
            {
                var fields = ValidFields(6);
                fields["consentGiven"] = p;
                return Multipart(u, fields);
            });
        }

        // Bad files: 38.
        var exe = new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00 };
        var elf = new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00 };
        var html = Encoding.UTF8.GetBytes("<!doctype html><html><body><script>alert(1)</script></body></html>");
        var svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>");
        var zipBomb = new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00 }.Concat(new byte[2000]).ToArray();
        foreach (var (label, bytes) in new[] { ("exe", exe), ("elf", elf), ("html", html), ("svg", svg), ("truncated zip", zipBomb), ("empty", Array.Empty<byte>()) })
        {
            foreach (var (name, type) in new[] { ("report.pdf", "application/pdf"), ("photo.png", "image/png"), ("scan.jpg", "image/jpeg"), ("sheet.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), ("notes.txt", "text/plain"), ("setup.exe", "application/octet-stream") })
            {
                var b = bytes;
                var fileName = name;
                var fileType = type;
                // HTML and SVG are valid UTF-8 text, but never the type their name claims (markup is not plain text either):
                // refused like every other bad file.
                yield return ("bad files", $"{label} as {fileName}", u => Multipart(u, ValidFields(7), (fileName, b, fileType)));
            }
        }

        yield return ("bad files", "11 files (over the limit)", u => Multipart(u, ValidFields(8), Enumerable.Range(0, 11).Select(i => ($"n{i}.txt", Encoding.UTF8.GetBytes("note " + i.ToString(CultureInfo.InvariantCulture)), "text/plain")).ToArray()));
        yield return ("bad files", "good file with an invalid form", u =>
        {
            var fields = ValidFields(9);
            fields["creditCode"] = "9144030071526726XA";
            return Multipart(u, fields, ("note.txt", Encoding.UTF8.GetBytes("a good note"), "text/plain"));
        });

        // Malformed JSON and media types: 30.
        foreach (var body in new[] { "{", "[]", "null", "\"text\"", "{\"consentGiven\":\"yes\"}", "{\"enterpriseName\":123}", "{\"title\":{\"$ne\":null}}", "{\"a\":" + new string('[', 5000) + new string(']', 5000) + "}",
                     "{\"consentGiven\":true}", "{\"enterpriseName\":\"x\",\"enterpriseName\":\"y\"}", "\uFEFF{bad}", "{'single':'quotes'}", "{\"consentGiven\":true,\"unknownField\":1}", "{\"topic\":null,\"type\":null}", "1e999999" })
        {
            var b = body;
            yield return ("malformed JSON", b[..Math.Min(20, b.Length)], u => Raw(u, Encoding.UTF8.GetBytes(b), "application/json"));
        }

        foreach (var type in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "image/png", "application/json; charset=utf-32", "text/html", "application/octet-stream", "", "multipart/mixed; boundary=x", "application/javascript" })
        {
            var t = type;
            yield return ("malformed JSON", "Content-Type " + (t.Length == 0 ? "(none)" : t), u => Raw(u, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(JsonFields(10, "title", "正常标题"))), t));
        }

        foreach (var consent in new object[] { false, "false", 0, "true " })
        {
            var c = consent;
            yield return ("malformed JSON", "consentGiven " + c, u => JsonRequest(u, JsonFields(11, "consentGiven", c)));
        }
    }
}
