using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Assist.Domain.Tickets;

namespace Assist.Domain.Ledger;

/// <summary>
/// The storage format of ticket events (and of state snapshots): UTF-8 JSON in an envelope
/// <c>{"schemaVersion":1,"type":"TicketRouted","data":{…}}</c>. The type discriminator is the event's record
/// name; property names are the camelCase of the record's, enums are written by name. The bytes are what
/// <see cref="LedgerHash"/> hashes, so they are deterministic: the same event always gives the same bytes.
/// Changing an event is a schema change: add optional fields only, and the format-lock tests say when bytes move.
/// </summary>
public static class TicketEventSerializer
{
    public const int SchemaVersion = 1;

    private static readonly Dictionary<string, Type> EventTypes = new Type[]
    {
        typeof(TicketSubmitted),
        typeof(ManualRoutingRequired),
        typeof(TicketRouted),
        typeof(OfficerAssigned),
        typeof(DepartmentSignedIn),
        typeof(EnterpriseContacted),
        typeof(ProgressRecorded),
        typeof(InformationRequested),
        typeof(InformationProvided),
        typeof(TicketReplied),
        typeof(TicketClosed),
        typeof(ReplyRejected),
        typeof(TicketEscalatedToHq),
        typeof(ReturnRequested),
        typeof(ReturnAccepted),
        typeof(ReturnRefused),
        typeof(ExtensionRequested),
        typeof(ExtensionApproved),
        typeof(ExtensionDenied),
        typeof(SupervisionOrderIssued),
        typeof(EscalationRaised),
        typeof(HqInstructionGiven),
        typeof(HqInstructionAcknowledged),
        typeof(CoHandlerContributed),
        typeof(CommonIssueJoined),
        typeof(DeadlinesRecomputed),
    }.ToDictionary(type => type.Name, StringComparer.Ordinal);

    /// <summary>The options used for every event and snapshot (exposed so adapters can read the same JSON).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Every event type name (discriminator) the format knows.</summary>
    public static IReadOnlyCollection<string> EventTypeNames => EventTypes.Keys;

    public static string TypeName(TicketEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return @event.GetType().Name;
    }

    public static byte[] SerializeToUtf8Bytes(TicketEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var typeName = TypeName(@event);
        if (!EventTypes.ContainsKey(typeName))
        {
            throw new ArgumentException($"{typeName} is not a registered ticket event.", nameof(@event));
        }

        return Envelope(typeName, writer => JsonSerializer.Serialize(writer, @event, @event.GetType(), Options));
    }

    public static string Serialize(TicketEvent @event) => System.Text.Encoding.UTF8.GetString(SerializeToUtf8Bytes(@event));

    public static TicketEvent Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Deserialize(System.Text.Encoding.UTF8.GetBytes(json));
    }

    public static TicketEvent Deserialize(ReadOnlySpan<byte> utf8Json)
    {
        var (typeName, data) = Open(utf8Json);
        if (!EventTypes.TryGetValue(typeName, out var type))
        {
            throw new JsonException($"Unknown ticket event type '{typeName}'.");
        }

        return (TicketEvent)(data.Deserialize(type, Options) ?? throw new JsonException($"Event '{typeName}' has no data."));
    }

    /// <summary>A state snapshot in the same envelope (type <c>TicketState</c>), for storage that keeps one beside the events.</summary>
    public static byte[] SerializeState(TicketState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Envelope(nameof(TicketState), writer => JsonSerializer.Serialize(writer, state, Options));
    }

    public static TicketState DeserializeState(ReadOnlySpan<byte> utf8Json)
    {
        var (typeName, data) = Open(utf8Json);
        if (typeName != nameof(TicketState))
        {
            throw new JsonException($"Expected a TicketState snapshot, found '{typeName}'.");
        }

        return data.Deserialize<TicketState>(Options) ?? throw new JsonException("The snapshot has no data.");
    }

    private static byte[] Envelope(string typeName, Action<Utf8JsonWriter> writeData)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Options.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", SchemaVersion);
            writer.WriteString("type", typeName);
            writer.WritePropertyName("data");
            writeData(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static (string TypeName, JsonElement Data) Open(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (!root.TryGetProperty("schemaVersion", out var version) || !version.TryGetInt32(out var schemaVersion))
        {
            throw new JsonException("The envelope has no schemaVersion.");
        }

        if (schemaVersion > SchemaVersion)
        {
            throw new JsonException($"Schema version {schemaVersion} was written by a newer version of Assist (this one reads up to {SchemaVersion}).");
        }

        var typeName = root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            ? type.GetString()!
            : throw new JsonException("The envelope has no type.");
        if (!root.TryGetProperty("data", out var data))
        {
            throw new JsonException("The envelope has no data.");
        }

        return (typeName, data.Clone());
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // Chinese text stays readable in storage; the bytes are still deterministic.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = false,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
