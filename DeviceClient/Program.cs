using Kusabi.DeviceClient.Cli;

return await CommandLine.InvokeAsync(args);
