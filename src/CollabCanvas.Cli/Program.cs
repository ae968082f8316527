using CollabCanvas.Cli;

return await CliApplication.CreateRootCommand().Parse(args).InvokeAsync();
