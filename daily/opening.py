"""Opening Stepwise's two sources, the user's data folder and the books, in one place.

The app (screens/serve.py), the `remind` command (daily/reminder_port.py) and
tests all open them here, so a book the user added counts everywhere and the
problems found in the books read the same wherever they are shown.
"""

from __future__ import annotations

import logging
from pathlib import Path

from content import LoadResult, load_insights
from content.packs import added_folder
from daily.practice import DailyPractice
from habit.clock import Clock, SystemClock
from storage import Store
from storage.data_dir import default_data_dir

log = logging.getLogger(__name__)


def data_dir_or_default(data_dir: Path | None) -> Path:
    """`data_dir`, or the user's data folder (storage/data_dir.py) when none is given."""
    return Path(data_dir) if data_dir is not None else default_data_dir()


def load_content(data_dir: Path, content_dir: Path | None = None) -> tuple[LoadResult, tuple[str, ...]]:
    """The shipped books (or `content_dir`'s) and the user's own, with a line per problem.

    Never raises: content that cannot be read at all gives no books and one
    problem line, so the user's data still opens.
    """
    added = added_folder(data_dir)
    try:
        loaded = load_insights(content_dir, added=added)
    except Exception as error:  # noqa: BLE001 - the journal must open without the books
        log.warning("the books could not be read", exc_info=True)
        return LoadResult((), ()), (f"The books could not be read ({error}).",)
    problems = tuple(
        f"An insight file could not be read (a book you added): {error.file.parent.name}/{error}"
        if added in error.file.parents else f"An insight file could not be read: {error}"
        for error in loaded.errors)
    return loaded, problems


def open_practice(data_dir: Path | None, content_dir: Path | None = None,
                  clock: Clock | None = None) -> DailyPractice:
    """Open the user's data and the books; raises what `Store.open` raises.

    The practice can load the books again (`reload_content`) after the user
    adds or removes one, with the same folders.
    """
    data_dir = data_dir_or_default(data_dir)
    store = Store.open(data_dir)
    try:
        loaded, problems = load_content(data_dir, content_dir)
        return DailyPractice(store, loaded.insights, clock or SystemClock(), problems=problems,
                             content=loaded, reload=lambda: load_content(data_dir, content_dir))
    except BaseException:
        store.close()
        raise
