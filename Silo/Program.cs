using Kusabi.Silo.Hosting;

var app = SiloApplication.Build(args);
await app.RunAsync();
