using Assist.LocalHost;

var app = LocalHostApp.Build(args);
app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("Assist (local host) is listening on {Urls}", string.Join(", ", app.Urls)));
await app.RunAsync();
