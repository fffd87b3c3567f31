"""customer360 helpers: demo-data generator, raw loader, scoring, quality and benchmarks."""

__version__ = "0.1.0"
