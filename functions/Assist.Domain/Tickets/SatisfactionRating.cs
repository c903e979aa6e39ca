namespace Assist.Domain.Tickets;

/// <summary>The national 5-level 好差评 scale.</summary>
public enum SatisfactionRating
{
    /// <summary>非常不满意</summary>
    VeryDissatisfied = 1,

    /// <summary>不满意</summary>
    Dissatisfied = 2,

    /// <summary>基本满意</summary>
    BasicallySatisfied = 3,

    /// <summary>满意</summary>
    Satisfied = 4,

    /// <summary>非常满意</summary>
    VerySatisfied = 5,
}
