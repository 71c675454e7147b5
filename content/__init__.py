"""Insight content: the books in content/books, their themes and the validating loader."""

from .book import Book, Theme
from .errors import ContentError
from .insight import Insight, Step
from .loader import LoadResult, load_insights

__all__ = ["Book", "ContentError", "Insight", "LoadResult", "Step", "Theme", "load_insights"]
