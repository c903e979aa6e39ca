using Assist.Domain.Routing;
using Assist.Domain.Tests.Support;

namespace Assist.Domain.Tests.Routing;

public sealed class OfficerAssignmentTests
{
    private static AssignmentSnapshot Snapshot(int openA, int openB, string? last = null, string? designated = null) => new(
        new Dictionary<string, int> { [TestData.FinanceOfficerA] = openA, [TestData.FinanceOfficerB] = openB },
        last is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [TestData.Finance] = last },
        designated is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [TestData.CreditCode] = designated });

    [Fact]
    public void Choose_FewestOpenTickets_Wins()
    {
        var choice = OfficerAssignment.Choose(TestData.Directory, TestData.Finance, TestData.CreditCode, Snapshot(5, 2));

        Assert.Equal(new AssignmentChoice(TestData.FinanceOfficerB, AssignmentReason.FewestOpenTickets), choice);
    }

    [Fact]
    public void Choose_TieWithoutHistory_FirstById()
    {
        Assert.Equal(TestData.FinanceOfficerA, OfficerAssignment.Choose(TestData.Directory, TestData.Finance, null, Snapshot(1, 1))?.OfficerId);
    }

    [Fact]
    public void Choose_TieAfterA_RoundRobinToB()
    {
        Assert.Equal(TestData.FinanceOfficerB, OfficerAssignment.Choose(TestData.Directory, TestData.Finance, null, Snapshot(1, 1, last: TestData.FinanceOfficerA))?.OfficerId);
    }

    [Fact]
    public void Choose_TieAfterLastOfficer_WrapsAround()
    {
        Assert.Equal(TestData.FinanceOfficerA, OfficerAssignment.Choose(TestData.Directory, TestData.Finance, null, Snapshot(1, 1, last: TestData.FinanceOfficerB))?.OfficerId);
    }

    [Fact]
    public void Choose_EnterpriseHasDesignatedOfficer_DesignatedOfficerRegardlessOfLoad()
    {
        var choice = OfficerAssignment.Choose(TestData.Directory, TestData.Finance, TestData.CreditCode, Snapshot(0, 0, designated: TestData.LandOfficer));

        Assert.Equal(new AssignmentChoice(TestData.LandOfficer, AssignmentReason.DesignatedOfficer), choice);
    }

    [Fact]
    public void Choose_DepartmentWithoutOfficers_Null()
    {
        Assert.Null(OfficerAssignment.Choose(TestData.Directory, TestData.HqOffice, null, AssignmentSnapshot.Empty));
    }
}
