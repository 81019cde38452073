using Kusabi.DeviceClient.Cli;

return await CommandLine.Build().Parse(args).InvokeAsync();
