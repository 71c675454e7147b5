"""`python -m content.check [folder]`: let an author check insight files before shipping.

Prints each insight in daily order, or each problem; exits 1 on any problem
so it can also guard a commit or CI run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .loader import DEFAULT_FOLDER, load_insights


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m content.check",
        description="Check insight files and show them in the order the app will use.",
    )
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER,
                        help=f"folder of *.toml insight files (default: {DEFAULT_FOLDER})")
    args = parser.parse_args(argv)

    result = load_insights(args.folder)
    for day, insight in enumerate(result.insights, 1):
        print(f"ok     {day}. {insight.id} (order {insight.order}): \"{insight.title}\" - "
              f"{insight.book}, insight {insight.position} of {insight.book_insights}; "
              f"{len(insight.story)} paragraphs, {len(insight.steps)} steps, "
              f"{len(insight.questions)} questions, {len(insight.tips)} tips")
    for error in result.errors:
        print(f"error  {error}")
    files = len({error.file for error in result.errors})
    summary = f"{len(result.insights)} insight(s) loaded"
    if result.errors:
        summary += f"; {len(result.errors)} problem(s) in {files} file(s) - those files are skipped"
    print(summary)
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
