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
}
