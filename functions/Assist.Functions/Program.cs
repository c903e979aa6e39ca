using Assist.Functions;

var app = AssistApp.Build(args);
app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("Assist is listening on {Urls}", string.Join(", ", app.Urls)));
await app.RunAsync();
