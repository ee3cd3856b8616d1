"""Developer tools (benchmarks, fakes) kept apart from the runtime modules."""
