"""`python main.py export` and `python main.py import`: the journal on the command line.

    python main.py export --format md|json --out FILE [--data-dir D]
    python main.py import FILE [--data-dir D]

Export writes the file atomically (a crash never leaves half a file) and
private (0600); ``--out -`` writes to standard output. Import validates the
whole file first: a file that is not an export, cut off, from a newer
Stepwise or missing fields is refused with a message and nothing changes.
Otherwise it takes a ``before-import`` backup, merges (same entry id: the
newer edit wins, nothing is duplicated) and says what it added and updated.

Exit status: 0 done, 1 the file was refused or the data could not be
opened, 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import TextIO

from journal.importing import ImportRejected


def _titles(data_dir: Path | None = None):
    try:
        from content import load_insights
        from content.packs import added_folder

        added = added_folder(data_dir) if data_dir is not None else None
        titles = {i.id: i.title for i in load_insights(added=added).insights}
    except Exception:  # content problems must not stop an export of the user's words
        titles = {}
    return titles.get


def _data_dir_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="the Stepwise data folder (default: the app's own)")


def export_main(argv: list[str], out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    parser = argparse.ArgumentParser(prog=f"{Path(sys.argv[0]).name} export",
                                     description="Export the whole journal as Markdown or JSON.")
    parser.add_argument("--format", choices=("md", "json"), required=True,
                        help="md: readable, one section per day; json: complete, re-importable")
    parser.add_argument("--out", required=True, help="file to write ('-' for standard output)")
    _data_dir_arg(parser)
    args = parser.parse_args(argv)

    from journal.service import export_json, export_markdown
    from storage import StorageError, Store

    try:
        store = Store.open(args.data_dir)  # None: the default data folder
    except (StorageError, OSError) as error:
        print(f"The Stepwise data could not be opened: {error}", file=err)
        return 1
    try:
        now = datetime.now().astimezone()
        payload = export_json(store, now) if args.format == "json" else export_markdown(
            store, now, _titles(store.data_dir))
        count = store.journal.count()
    finally:
        store.close()
    if args.out == "-":
        out.write(payload.decode("utf-8"))
        out.flush()
        return 0
    target = Path(args.out)
    try:
        _write_private(target, payload)
    except OSError as error:
        print(f"Could not write {target}: {error}", file=err)
        return 1
    print(f"Exported {count:,} {'entry' if count == 1 else 'entries'} to {target} "
          f"({args.format}, {len(payload):,} bytes).", file=out)
    return 0


def import_main(argv: list[str], out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    parser = argparse.ArgumentParser(
        prog=f"{Path(sys.argv[0]).name} import",
        description="Import a JSON journal export; the same entry is never added twice.")
    parser.add_argument("file", type=Path, help="a .json file made by 'export --format json'")
    _data_dir_arg(parser)
    args = parser.parse_args(argv)

    from journal.service import import_file
    from storage import StorageError, Store

    try:
        raw = args.file.read_bytes()
    except OSError as error:
        print(f"Import refused: cannot read {args.file} ({error.strerror or error}). "
              "Nothing was changed.", file=err)
        return 1
    # Validate before even opening the data: a bad file never touches it.
    from journal.importing import parse_export

    try:
        parse_export(raw)
    except ImportRejected as error:
        print(f"Import refused: {error} Nothing was changed.", file=err)
        return 1
    try:
        store = Store.open(args.data_dir)  # None: the default data folder
    except (StorageError, OSError) as error:
        print(f"The Stepwise data could not be opened: {error}", file=err)
        return 1
    try:
        for problem in store.problems:
            print(problem, file=err)
        outcome = import_file(store, raw)
    finally:
        store.close()
    if outcome.ok:
        print(outcome.message, file=out)
    else:
        print(f"Import refused: {outcome.message}", file=err)
    return 0 if outcome.ok else 1


def _write_private(target: Path, payload: bytes) -> None:
    from storage.durable import atomic_write_bytes

    target = Path(os.path.abspath(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(target, payload)
    os.chmod(target, 0o600)
