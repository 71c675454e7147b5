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

    from content.packs import PackRefused, add_pack, added_folder

    data_dir = _data_dir(args.data_dir)
    try:
        pack = add_pack(args.path, data_dir)
    except PackRefused as refused:
        for line in refused.messages:
            print(f"error  {line}", file=err)
        count = len(refused.errors)
        print(f"Not added: {args.path} has {count} problem{'s' if count != 1 else ''}. "
              "Nothing was changed.", file=err)
        return 1
    except OSError as error:
        print(f"Not added: {error}. Nothing was changed.", file=err)
        return 1
    book = pack.book
    assert book is not None
    print(f"Added \"{book.full_title}\" by {book.author} ({book.id}, {len(pack.insights)} insights) "
          f"to {added_folder(data_dir)}.", file=out)
    print("It shows in the Library marked \"Added by you\" the next time Stepwise starts.", file=out)
    return 0


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

    from content.packs import PackRefused, remove_pack

    try:
        book = remove_pack(args.book_id, _data_dir(args.data_dir))
    except PackRefused as refused:
        for line in refused.messages:
            print(f"Not removed: {line}", file=err)
        return 1
    except OSError as error:
        print(f"Not removed: {error}", file=err)
        return 1
    name = f"\"{book.full_title}\" ({args.book_id})" if book is not None else args.book_id
    print(f"Removed {name}. Your practice history and journal entries for its insights are kept; "
          "add the book again to see them with it.", file=out)
    return 0
