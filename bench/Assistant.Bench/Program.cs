using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Assistant.Bench.AnalyzeBenchmarks).Assembly).Run(args);
