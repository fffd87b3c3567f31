"""Synthetic, deliberately messy customer data for the customer360 project.

``generate(GenConfig(...), out_dir)`` writes one CSV per source system plus truth files
that say which person every identity-bearing record belongs to. See docs/generator.md.
"""

from .config import DEFAULT_RATES, RATE_DOCS, GenConfig, parse_rates
from .core import RunStats, generate
from .writer import CONTRACT

__all__ = ["CONTRACT", "DEFAULT_RATES", "RATE_DOCS", "GenConfig", "RunStats", "generate",
           "parse_rates"]
