using Kusabi.Operator.Cli;

return await CommandLine.InvokeAsync(args);
