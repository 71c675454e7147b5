"""Stepwise: serve the app, or run one of its commands (remind, export, import, content)."""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    if argv and argv[0] == "remind":
        from reminders.command import main as remind_main

        return remind_main(argv[1:])
    if argv and argv[0] in ("export", "import"):
        from journal.command import export_main, import_main

        return (export_main if argv[0] == "export" else import_main)(argv[1:])
    if argv and argv[0] == "content":
        from content.command import main as content_main

        return content_main(argv[1:])
    from screens.serve import main as serve_main

    return serve_main(argv)


def cli() -> int:
    """The `stepwise` command of an installed Stepwise (pip install .)."""
    return main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(cli())
