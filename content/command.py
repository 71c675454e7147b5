"""`python main.py content ...`: the books a user adds, on the command line.

    python main.py content add PATH [--data-dir D]       a book folder or a .zip of one
    python main.py content list [--data-dir D]           shipped and added books
    python main.py content remove BOOK-ID [--data-dir D] only a book you added
    python main.py content check [PATH]                  same as python -m content.check

`add` checks the whole pack first (content/packs.py): a refused pack prints
every problem, naming the file inside the pack and the field, and changes
nothing. `remove` keeps the practice history and journal entries of the
book's insights. Stepwise reads the books when it starts: restart a running
app to see a change.

Exit status: 0 done, 1 refused (or problems found by check), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

COMMANDS = ("add", "list", "remove", "check")


def _prog(command: str = "") -> str:
    return f"{Path(sys.argv[0]).name} content" + (f" {command}" if command else "")


def _data_dir(value: Path | None) -> Path:
    if value is not None:
        return value
    from storage.data_dir import default_data_dir

    return default_data_dir()


def _parser(command: str, description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=_prog(command), description=description)
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="the Stepwise data folder (default: the app's own)")
    return parser


def _report(report: Report, out: TextIO, err: TextIO) -> int:
    for line in report.lines:
        print(line, file=out if report.ok else err)
    return 0 if report.ok else 1


@dataclass(frozen=True)
class Report:
    """What `content add` or `content remove` says: the same lines on the command line and in Settings."""

    ok: bool
    lines: tuple[str, ...]
    book: object | None = None  # the content.Book added or removed, when known


def main(argv: list[str], out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(f"usage: {_prog()} {{{','.join(COMMANDS)}}} ...\n\n"
              "Books you add to Stepwise.\n\n"
              "  add PATH        add a book: a book folder or a .zip of one (checked first)\n"
              "  list            the books Stepwise has: shipped, and added by you\n"
              "  remove BOOK-ID  remove a book you added (its practice and journal stay)\n"
              "  check [PATH]    check book folders (same as python -m content.check)",
              file=out if argv else err)
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    if command == "check":
        from content.check import main as check_main

        return check_main(rest, prog=_prog("check"))
    if command == "add":
        return add_main(rest, out, err)
    if command == "list":
        return list_main(rest, out, err)
    if command == "remove":
        return remove_main(rest, out, err)
    print(f"{_prog()}: unknown command '{command}' (choose from {', '.join(COMMANDS)})", file=err)
    return 2


def add_main(argv: list[str], out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    parser = _parser("add", "Add a book: a book folder in the shipped format, or a .zip holding one. "
                            "The whole pack is checked first; a refused pack changes nothing.")
    parser.add_argument("path", type=Path, help="a book folder (with its book.toml) or a .zip of one")
    args = parser.parse_args(argv)

    return _report(add_report(args.path, _data_dir(args.data_dir)), out, err)


#: Where an added book shows: from the command line, at the app's next start;
#: from Settings (the running app reloads its books), at once.
SHOWS_NEXT_START = "It shows in the Library marked \"Added by you\" the next time Stepwise starts."
SHOWS_NOW = "It is in the Library now, marked \"Added by you\"."


def add_report(path: Path, data_dir: Path, shown_as: str | None = None,
               shows: str = SHOWS_NEXT_START) -> Report:
    """Add a pack (content/packs.py) and say what happened; never raises for a refused pack.

    `shown_as` names the pack in the messages (Settings passes the chosen
    file's name; the command line the path as typed). `shows` is the last line
    of a success.
    """
    from content.packs import PackRefused, add_pack, added_folder

    name = shown_as if shown_as is not None else str(path)
    try:
        pack = add_pack(path, data_dir)
    except PackRefused as refused:
        count = len(refused.errors)
        return Report(False, (*(f"error  {line}" for line in refused.messages),
                              f"Not added: {name} has {count} problem{'s' if count != 1 else ''}. "
                              "Nothing was changed."))
    except OSError as error:
        return Report(False, (f"Not added: {error}. Nothing was changed.",))
    book = pack.book
    assert book is not None
    return Report(True, (
        f"Added \"{book.full_title}\" by {book.author} ({book.id}, {len(pack.insights)} insights) "
        f"to {added_folder(data_dir)}.",
        shows,
    ), book)


def list_main(argv: list[str], out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    parser = _parser("list", "List the books Stepwise has: shipped with it, and added by you.")
    args = parser.parse_args(argv)

    from content.packs import added_folder, installed

    data_dir = _data_dir(args.data_dir)
    added = added_folder(data_dir)
    library = installed(data_dir)
    for book in library.books:
        mark = "added  " if book.added else "shipped"
        count = len(library.insights_of(book.id))
        print(f"{mark}  {book.id}: \"{book.full_title}\" - {book.author}, {book.year}; "
              f"{count} insights", file=out)
    for error in library.errors:
        whose = "added  " if added in error.file.parents else "shipped"
        print(f"problem {whose} {error.file.parent.name}/{error}", file=err)
    mine = sum(1 for b in library.books if b.added)
    print(f"{len(library.books)} book(s): {len(library.books) - mine} shipped, {mine} added by you "
          f"(in {added})", file=out)
    return 0


def remove_main(argv: list[str], out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    parser = _parser("remove", "Remove a book you added. Your practice history and journal entries "
                               "for its insights are kept.")
    parser.add_argument("book_id", metavar="BOOK-ID", help="the book's id, as 'content list' shows it")
    args = parser.parse_args(argv)

    return _report(remove_report(args.book_id, _data_dir(args.data_dir)), out, err)


def remove_report(book_id: str, data_dir: Path) -> Report:
    """Remove an added book (content/packs.py) and say what happened; never raises for a refusal."""
    from content.packs import PackRefused, remove_pack

    try:
        book = remove_pack(book_id, data_dir)
    except PackRefused as refused:
        return Report(False, tuple(f"Not removed: {line}" for line in refused.messages))
    except OSError as error:
        return Report(False, (f"Not removed: {error}",))
    name = f"\"{book.full_title}\" ({book_id})" if book is not None else book_id
    return Report(True, (f"Removed {name}. Your practice history and journal entries for its insights are kept; "
                         "add the book again to see them with it.",), book)
