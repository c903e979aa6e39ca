using Assist.Domain.Common;
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
    public void Choose_EnterpriseHasDesignatedOfficerOfTheDepartment_DesignatedOfficerRegardlessOfLoad()
    {
        var choice = OfficerAssignment.Choose(TestData.Directory, TestData.Finance, TestData.CreditCode, Snapshot(9, 0, designated: TestData.FinanceOfficerA));

        Assert.Equal(new AssignmentChoice(TestData.FinanceOfficerA, AssignmentReason.DesignatedOfficer), choice);
    }

    [Fact]
    public void Choose_DesignatedOfficerOfAnotherDepartment_FewestOpenTickets()
    {
        var choice = OfficerAssignment.Choose(TestData.Directory, TestData.Finance, TestData.CreditCode, Snapshot(5, 2, designated: TestData.LandOfficer));

        Assert.Equal(new AssignmentChoice(TestData.FinanceOfficerB, AssignmentReason.FewestOpenTickets), choice);
    }

    [Fact]
    public void Choose_DesignatedOfficerNotLiaisonOfficer_FewestOpenTickets()
    {
        var choice = OfficerAssignment.Choose(TestData.Directory, TestData.Finance, TestData.CreditCode, Snapshot(5, 2, designated: TestData.FinanceHead));

        Assert.Equal(new AssignmentChoice(TestData.FinanceOfficerB, AssignmentReason.FewestOpenTickets), choice);
    }

    [Fact]
    public void Choose_DesignatedOfficerInactive_FewestOpenTickets()
    {
        var directory = TestData.Directory with
        {
            Staff = TestData.Directory.Staff.Select(u => u.Id == TestData.FinanceOfficerA ? u with { Active = false } : u).ToValueList(),
        };

        var choice = OfficerAssignment.Choose(directory, TestData.Finance, TestData.CreditCode, Snapshot(0, 3, designated: TestData.FinanceOfficerA));

        Assert.Equal(new AssignmentChoice(TestData.FinanceOfficerB, AssignmentReason.FewestOpenTickets), choice);
    }

    [Fact]
    public void Choose_DesignationForAnotherEnterprise_FewestOpenTickets()
    {
        var choice = OfficerAssignment.Choose(TestData.Directory, TestData.Finance, "91440300MA5DC0QX4K", Snapshot(5, 2, designated: TestData.FinanceOfficerA));

        Assert.Equal(TestData.FinanceOfficerB, choice?.OfficerId);
    }

    [Fact]
    public void Choose_DepartmentWithoutOfficers_Null()
    {
        Assert.Null(OfficerAssignment.Choose(TestData.Directory, TestData.HqOffice, null, AssignmentSnapshot.Empty));
    }
}
