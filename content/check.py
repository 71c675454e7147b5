"""`python -m content.check [folder]`: let an author check books before shipping.

Prints each book and its insights in reading order, or each problem; exits 1
on any problem so it can also guard a commit or CI run. The folder is a
library (a folder of book folders, default content/books) or one book folder.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .loader import DEFAULT_FOLDER, load_insights


def main(argv: list[str] | None = None, prog: str = "python -m content.check") -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Check book folders and show their insights in reading order.",
    )
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER,
                        help=f"a folder of book folders, or one book folder (default: {DEFAULT_FOLDER})")
    args = parser.parse_args(argv)

    result = load_insights(args.folder)
    for book in result.books:
        print(f"book   {book.id}: \"{book.full_title}\" - {book.author}, {book.year}; "
              f"themes {', '.join(book.themes)}; {book.insights} insights")
        for insight in result.insights_of(book.id):
            print(f"ok       {insight.position}. {insight.id}: \"{insight.title}\" - "
                  f"{len(insight.story)} paragraphs, {len(insight.steps)} steps, "
                  f"{len(insight.questions)} questions, {len(insight.tips)} tips; "
                  f"{insight.words} words, about {insight.reading_minutes} min")
    for error in result.errors:
        print(f"error  {error.file.parent.name}/{error}")
    files = len({error.file for error in result.errors})
    summary = f"{len(result.books)} book(s), {len(result.insights)} insight(s) loaded"
    if result.errors:
        summary += f"; {len(result.errors)} problem(s) in {files} file(s) - those files are skipped"
    print(summary)
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
