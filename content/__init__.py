"""Insight content: the TOML files in content/insights and their validating loader."""

from .errors import ContentError
from .insight import Insight, Step
from .loader import LoadResult, load_insights

__all__ = ["ContentError", "Insight", "LoadResult", "Step", "load_insights"]
