"""Development tools: synthetic histories, the benchmark, screenshots and the browser driver."""
