using Assist.LocalHost;
using System.Reflection;
using Assist.Functions.Api.OpenApi;
using Assist.Functions.Api.Staff;
using Assist.Functions.Hosting.Functions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Assist.Functions.Tests.Api;

/// <summary>
/// Each staff action is one function whose attributes repeat what the action declares (attributes take constants
/// only): its operation id, path, policy, summary and body type. The pages run the same actions, so the two never drift.
/// </summary>
public sealed class StaffActionFunctionTests
{
    [Fact]
    public void EveryStaffAction_IsAFunction_DeclaringItsPathPolicySummaryAndBody()
    {
        var functions = HttpFunction.In(LocalHostApp.Functions).ToDictionary(f => f.Name);
        var actions = typeof(StaffActions).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == typeof(StaffAction<>))
            .ToList();

        Assert.Equal(17, actions.Count);
        Assert.All(actions, field =>
        {
            var action = field.GetValue(null)!;
            string Declared(string property) => (string)field.FieldType.GetProperty(property)!.GetValue(action)!;
            var name = Declared(nameof(StaffAction<object>.OperationId));
            Assert.True(functions.TryGetValue(name, out var function), $"No function {name}.");
            var method = function!.Method;

            Assert.Equal("api/staff/tickets/{number}" + Declared(nameof(StaffAction<object>.Path)), function.Route);
            Assert.Equal(["POST"], function.Methods);
            Assert.Equal(Declared(nameof(StaffAction<object>.Policy)), method.GetCustomAttribute<AuthorizeAttribute>()?.Policy);
            Assert.Equal(Declared(nameof(StaffAction<object>.Summary)) + " Needs If-Match with the ticket version.", method.GetCustomAttribute<EndpointSummaryAttribute>()?.Summary);
            Assert.Equal(field.FieldType.GetGenericArguments()[0], method.GetCustomAttribute<RequestBodyAttribute>()?.RequestType);
        });
    }
}
