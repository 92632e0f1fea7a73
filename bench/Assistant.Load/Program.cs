using Assistant.Load;

// dotnet run -c Release --project bench/Assistant.Load -- --chats 100 --mode closed --duration 30
var options = LoadOptions.Parse(args);
if (options is null)
{
    Console.WriteLine(LoadOptions.Usage);
    return 2;
}

return await LoadTest.RunAsync(options);
