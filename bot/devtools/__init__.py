"""Developer tools: evaluation, tuning and benchmarks. Never imported by the running bot."""
