using Assist.Functions.Hosting.Worker;

// The isolated worker the Functions host starts. Locally, without Core Tools, functions/Assist.LocalHost runs these
// same functions (scripts/run).
WorkerApp.Build(args).Run();
