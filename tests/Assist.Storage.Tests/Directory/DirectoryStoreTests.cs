using Assist.Domain.Organization;
using Assist.Domain.Policies;
using Assist.Storage.Directory;
using Assist.Storage.Pipeline;
using Assist.Storage.Tests.Workflow;
using Assist.Tests;

namespace Assist.Storage.Tests.Directory;

[Collection(UsesAzurite.Name)]
public sealed class DirectoryStoreTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task SeedAsync_Twice_SecondRunChangesNothing()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var seed = DirectoryStore.ParseSeed(WorkflowHarness.SeedJson);
        var before = await new DirectoryStore(harness.Storage).GetAsync();
        var writes = harness.Clients.Metering.Snapshot();

        var written = await harness.Directory.SeedAsync(seed);

        Assert.False(written);
        var used = harness.Clients.Metering.Snapshot().Since(writes);
        Assert.Equal(0, used[StorageOperationKind.TableInsert] + used[StorageOperationKind.TableUpsert] + used[StorageOperationKind.TableUpdate]);
        Assert.Equal(before.Version, (await new DirectoryStore(harness.Storage).GetAsync()).Version);
    }

    [Fact]
    public async Task DemoSeed_CoversEveryTopicDepartmentAndRole()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);

        var snapshot = await harness.Directory.GetAsync();

        var organization = snapshot.Organization;
        Assert.Equal("hq-office", organization.HqOffice!.Id);
        Assert.Equal(DefaultPolicies.Topics.Select(t => t.Code).Order(), organization.Topics.Select(t => t.Code).Order());
        Assert.All(DefaultPolicies.Topics.Where(t => t.Code != "OTHER"), t => Assert.NotNull(snapshot.Routing.Resolve(t.Code, "城关区", null)));
        Assert.All(organization.Departments, d =>
        {
            Assert.Single(organization.UsersOf(d.Id, StaffRole.DepartmentHead));
            Assert.Equal(2, organization.UsersOf(d.Id, StaffRole.LiaisonOfficer).Count);
        });
        Assert.Equal(["supervisor.1", "supervisor.2"], organization.UsersInRole(StaffRole.Supervisor));
        Assert.Equal(["hq.leader"], organization.UsersInRole(StaffRole.HqLeader));
        Assert.Equal(["admin"], organization.UsersInRole(StaffRole.Administrator));
        Assert.NotNull(await harness.Directory.FindUserAsync("officer.finance.1"));
        Assert.Null(await harness.Directory.FindUserAsync("nobody"));
    }

    [Fact]
    public async Task Upserts_ChangeTheSnapshotAndSurviveAReseed()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var before = await harness.Directory.GetAsync();

        await harness.Directory.UpsertUserAsync(new StaffUser("officer.finance.3", "新联络员", "finance", Assist.Domain.Common.ValueList.Of(StaffRole.LiaisonOfficer)));
        await harness.Directory.UpsertDepartmentAsync(new Department("finance", "金融工作局"));
        await harness.Directory.SeedAsync(DirectoryStore.ParseSeed(WorkflowHarness.SeedJson));

        var after = await harness.Directory.GetAsync();
        Assert.NotEqual(before.Version, after.Version);
        Assert.Equal("金融工作局", after.Organization.FindDepartment("finance")!.Name);
        Assert.Equal(3, after.Organization.UsersOf("finance", StaffRole.LiaisonOfficer).Count);
    }

    [Fact]
    public async Task PutCalendarYearAsync_InvalidOrMismatchedYear_Refused()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);

        await Assert.ThrowsAsync<Assist.Domain.Calendar.CalendarDataException>(() => harness.Directory.PutCalendarYearAsync(2028, "{ not json"));
        await Assert.ThrowsAsync<Assist.Domain.Calendar.CalendarDataException>(() => harness.Directory.PutCalendarYearAsync(2028, "{\"year\":2029,\"papers\":[],\"days\":[]}"));
        await harness.Directory.PutCalendarYearAsync(2028, "{\"year\":2028,\"papers\":[\"notice\"],\"days\":[{\"name\":\"元旦\",\"date\":\"2028-01-03\",\"isOffDay\":true}]}");

        var calendar = (await harness.Directory.GetAsync()).Calendar;
        Assert.True(calendar.HasDataFor(2028));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2028, 1, 3)));
    }

    private const string CreditCode = "9144030071526726XG";

    [Fact]
    public async Task PutDesignatedOfficerAsync_ListedInTheSnapshotReplacedAndRemoved()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var before = await harness.Directory.GetAsync();

        await harness.Directory.PutDesignatedOfficerAsync(new DesignatedOfficer(CreditCode, "officer.finance.1"));
        await harness.Directory.PutDesignatedOfficerAsync(new DesignatedOfficer(CreditCode, "officer.finance.2"));

        var after = await new DirectoryStore(harness.Storage).GetAsync();
        Assert.NotEqual(before.Version, after.Version);
        Assert.Equal("officer.finance.2", after.DesignatedOfficers[CreditCode]);
        Assert.Equal([new DesignatedOfficer(CreditCode, "officer.finance.2")], await harness.Directory.ListDesignatedOfficersAsync());
        Assert.True(await harness.Directory.RemoveDesignatedOfficerAsync(CreditCode));
        Assert.False(await harness.Directory.RemoveDesignatedOfficerAsync(CreditCode));
        Assert.Empty((await harness.Directory.GetAsync()).DesignatedOfficers);
    }

    [Theory]
    [InlineData("9144030071526726XA", "officer.finance.1", "creditCode", "credit-code.check-character")]
    [InlineData(CreditCode, "nobody", "officerId", "officer.unknown")]
    [InlineData(CreditCode, "head.finance", "officerId", "officer.not-liaison")]
    public async Task PutDesignatedOfficerAsync_BadCodeOrOfficer_RefusedNamingTheField(string creditCode, string officerId, string field, string code)
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);

        var refused = await Assert.ThrowsAsync<DesignationException>(() => harness.Directory.PutDesignatedOfficerAsync(new DesignatedOfficer(creditCode, officerId)));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(field, error.Field);
        Assert.Equal(code, error.Code);
        Assert.Empty((await harness.Directory.GetAsync()).DesignatedOfficers);
    }

    [Fact]
    public async Task PutDesignatedOfficersAsync_OneBadRow_NothingStored()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);

        var refused = await Assert.ThrowsAsync<DesignationException>(() => harness.Directory.PutDesignatedOfficersAsync(
        [
            new DesignatedOfficer(CreditCode, "officer.finance.1"),
            new DesignatedOfficer("91440300", "officer.finance.2"),
        ]));

        Assert.Equal(1, refused.Index);
        Assert.Empty((await harness.Directory.GetAsync()).DesignatedOfficers);
    }

    [Fact]
    public async Task PutDesignatedOfficersAsync_MoreThanOneTransaction_AllStored()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var codes = Enumerable.Range(0, 150).Select(i => CreditCodeFor($"91440300{i:D9}")).ToList();

        await harness.Directory.PutDesignatedOfficersAsync([.. codes.Select(c => new DesignatedOfficer(c, "officer.landplan.1"))]);

        Assert.Equal(150, (await harness.Directory.GetAsync()).DesignatedOfficers.Count);
    }

    [Fact]
    public async Task Submit_DesignatedOfficerOfTheLeadDepartment_AssignedWhateverTheLoad()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var first = await harness.SubmitAsync();
        var designated = first.State.OfficerId!;

        await harness.Directory.PutDesignatedOfficerAsync(new DesignatedOfficer(CreditCode, designated));
        var second = await harness.SubmitAsync();

        Assert.Equal(designated, second.State.OfficerId);
    }

    [Fact]
    public async Task Submit_DesignatedOfficerOfAnotherDepartment_LeastLoadedOfTheLeadDepartment()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        await harness.Directory.PutDesignatedOfficerAsync(new DesignatedOfficer(CreditCode, "officer.landplan.1"));

        var ticket = await harness.SubmitAsync();

        Assert.StartsWith("officer.finance.", ticket.State.OfficerId, StringComparison.Ordinal);
    }

    /// <summary>Completes 17 characters with their GB 32100 check character.</summary>
    private static string CreditCodeFor(string first17)
    {
        int[] weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
        const string alphabet = Assist.Domain.Validation.UnifiedSocialCreditCode.Alphabet;
        var sum = first17.Select((c, i) => alphabet.IndexOf(c, StringComparison.Ordinal) * weights[i]).Sum();
        return first17 + alphabet[(31 - (sum % 31)) % 31];
    }
}
