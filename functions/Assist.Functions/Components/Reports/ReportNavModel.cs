using Assist.Domain.Scoring;

namespace Assist.Functions.Components.Reports;

/// <summary>The report pages' own tabs: which one is open and the period to carry across them.</summary>
public sealed record ReportNavModel(string Current, ReportPeriod Period, bool Overseer)
{
    public string Month => ReportPeriod.Month(Period.Year, Period.FirstMonth).ToString();

    public string Quarter => ReportPeriod.OfQuarter(Period.Year, Period.Quarter).ToString();
}
