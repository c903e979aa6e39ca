namespace Assist.Domain.Tickets;

public enum DepartmentRole
{
    /// <summary>主办</summary>
    Lead,

    /// <summary>协办</summary>
    CoHandler,
}
