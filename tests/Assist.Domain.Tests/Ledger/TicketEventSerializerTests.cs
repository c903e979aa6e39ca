using System.Text;
using System.Text.Json;
using Assist.Domain.Ledger;
using Assist.Domain.Tests.Support;
using Assist.Domain.Tickets;

namespace Assist.Domain.Tests.Ledger;

public sealed class TicketEventSerializerTests
{
    [Fact]
    public void FullLifecycle_ProducesEveryRegisteredEventType()
    {
        // Deadlines are recomputed only when a calendar year is loaded, which the lifecycle in March 2026 never meets.
        var produced = FullLifecycle.Run().Events.Concat(NewYear.AcrossNewYear().Events).Select(TicketEventSerializer.TypeName).ToHashSet();

        Assert.Equal(TicketEventSerializer.EventTypeNames.Order(StringComparer.Ordinal), produced.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Deserialize_EverySerializedEvent_EqualsOriginal()
    {
        foreach (var @event in FullLifecycle.Run().Events.Concat(NewYear.AcrossNewYear().Events))
        {
            Assert.Equal(@event, TicketEventSerializer.Deserialize(TicketEventSerializer.Serialize(@event)));
        }
    }

    [Fact]
    public void Serialize_SameEventTwice_SameBytes()
    {
        var @event = FullLifecycle.Run().Events[1];

        Assert.Equal(TicketEventSerializer.SerializeToUtf8Bytes(@event), TicketEventSerializer.SerializeToUtf8Bytes(@event with { }));
    }

    [Fact]
    public void Serialize_Event_LocksTheStoredFormat()
    {
        var @event = new DepartmentSignedIn("t-1", Actor.Staff("u-1"), TestData.Beijing(2026, 3, 2, 9, 30), "dept-tax", OnTime: true);

        Assert.Equal(
            """{"schemaVersion":1,"type":"DepartmentSignedIn","data":{"departmentId":"dept-tax","onTime":true,"ticketId":"t-1","by":{"kind":"Staff","id":"u-1"},"at":"2026-03-02T09:30:00+08:00"}}""",
            TicketEventSerializer.Serialize(@event));
    }

    [Fact]
    public void Serialize_ChineseText_StoredReadably()
    {
        var json = TicketEventSerializer.Serialize(new ProgressRecorded("t-1", Actor.Staff("u-1"), TestData.Beijing(2026, 3, 2), "d", "已与银行沟通"));

        Assert.Contains("已与银行沟通", json, StringComparison.Ordinal);
    }

    [Fact]
    public void DeserializeState_Snapshot_EqualsReplayedState()
    {
        var state = FullLifecycle.Run().State;

        Assert.Equal(state, TicketEventSerializer.DeserializeState(TicketEventSerializer.SerializeState(state)));
    }

    [Fact]
    public void Deserialize_UnknownType_Throws()
    {
        var exception = Assert.Throws<JsonException>(() => TicketEventSerializer.Deserialize("""{"schemaVersion":1,"type":"TicketVanished","data":{}}"""));

        Assert.Contains("TicketVanished", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_NewerSchemaVersion_Throws()
    {
        var json = Encoding.UTF8.GetBytes("""{"schemaVersion":2,"type":"ProgressRecorded","data":{}}""");

        Assert.Throws<JsonException>(() => TicketEventSerializer.Deserialize(json));
    }
}
