namespace Assist.Domain.Tickets;

/// <summary>诉求性质: sets the resolution limit.</summary>
public enum TicketType
{
    /// <summary>咨询</summary>
    Consultation,

    /// <summary>求助</summary>
    Help,

    /// <summary>建议</summary>
    Suggestion,

    /// <summary>投诉</summary>
    Complaint,

    /// <summary>举报</summary>
    Report,
}
