namespace Assist.Functions.Api.Staff;

/// <summary>A query parameter a list refused: which one, and why in English and Chinese.</summary>
public sealed record QueryProblem(string Field, string Message, string MessageZh);
