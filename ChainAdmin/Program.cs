using Kusabi.ChainAdmin.Cli;

return await ChainCommandLine.InvokeAsync(args);
