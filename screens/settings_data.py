"""Settings, your data: export the journal, import an export, restore an automatic backup.

Export hands the file to Flet's FilePicker.save_file with the bytes: in a
browser that is a download, in the desktop app a save dialog. Import uses the
PickFiles client action with ``with_data=True`` (the browser reads the file
and sends its bytes; it runs inside the tap, so it also works on iOS Safari).
The file is validated completely before anything is written
(journal/importing.py).
"""

from __future__ import annotations

import asyncio

import flet as ft

from screens import theme
from screens.services import use_services

BACKUP_KINDS = {
    "daily": "Automatic, daily",
    "before-restore": "Taken before a restore",
    "before-import": "Taken before an import",
    "manual": "Taken by hand",
}
SHOWN_BACKUPS = 8


def backup_label(backup) -> str:
    when = backup.created_at.astimezone()
    kind = BACKUP_KINDS.get(backup.kind, backup.kind)
    return f"{when:%d %b %Y, %H:%M}".lstrip("0") + f" · {kind}"


@ft.component
def Notice(kind: str, text: str):
    """A result line: a check for success, an alert for a problem (theme colours only)."""
    ok = kind == "ok"
    return ft.Container(
        content=ft.Row(
            [ft.Icon(ft.Icons.CHECK_CIRCLE_OUTLINE if ok else ft.Icons.ERROR_OUTLINE,
                     color=ft.Colors.ON_SECONDARY_CONTAINER if ok else ft.Colors.ON_ERROR_CONTAINER),
             ft.Container(content=ft.Text(
                 text, size=16, style=ft.TextStyle(height=1.45),
                 color=ft.Colors.ON_SECONDARY_CONTAINER if ok else ft.Colors.ON_ERROR_CONTAINER),
                 expand=True)],
            vertical_alignment=ft.CrossAxisAlignment.START,
        ),
        bgcolor=ft.Colors.SECONDARY_CONTAINER if ok else ft.Colors.ERROR_CONTAINER,
        padding=12,
        border_radius=12,
    )


@ft.component
def DataSettings():
    practice = use_services().practice
    service = practice.journal
    page = ft.context.page
    notice, set_notice = ft.use_state(None)  # ("ok" | "error", text)
    backups, set_backups = ft.use_state(lambda: service.backups()[:SHOWN_BACKUPS])
    busy, set_busy = ft.use_state(False)
    on_picked = ft.use_ref(None)  # the latest handler, so the picker never calls a stale one
    picker = ft.use_ref(lambda: ft.FilePicker(on_result=lambda e: on_picked.current(e))).current

    async def export(fmt: str) -> None:
        set_busy(True)
        try:
            name, data = await asyncio.to_thread(service.export, fmt)
            count = service.count()
            saved = await picker.save_file(dialog_title="Save your journal", file_name=name,
                                           src_bytes=data)
            what = f"{count:,} {'entry' if count == 1 else 'entries'}"
            if page.web:
                set_notice(("ok", f"Your journal ({what}) was downloaded as {name}."))
            elif saved:
                set_notice(("ok", f"Your journal ({what}) was saved to {saved}."))
        except Exception as err:  # noqa: BLE001 - tell the user, keep the app running
            set_notice(("error", f"The export failed: {err}"))
        finally:
            set_busy(False)

    def picked(e) -> None:
        files = e.files or []
        if not files:
            return  # cancelled
        chosen = files[0]
        if chosen.bytes is None:
            set_notice(("error", f"{chosen.name} could not be read. Nothing was changed."))
            return
        outcome = service.import_file(chosen.bytes)  # the CLI's words; never raises
        if not outcome.ok:
            set_notice(("error", f"{chosen.name} was not imported: {outcome.message}"))
            return
        set_notice(("ok", f"Imported {chosen.name}. " + outcome.message.replace("\n", " ")))
        set_backups(service.backups()[:SHOWN_BACKUPS])

    on_picked.current = picked

    def restore(backup) -> None:
        def confirmed() -> None:
            try:
                safety = service.restore_backup(backup.name)
            except Exception as err:  # noqa: BLE001 - BackupDamaged, disk errors
                set_notice(("error", f"The backup could not be restored: {err} Nothing was changed."))
                return
            set_notice(("ok", f"Restored the backup from {backup_label(backup)}. Your data as it "
                              f"was just before is kept as a backup too ({safety.name})."))
            set_backups(service.backups()[:SHOWN_BACKUPS])

        theme.confirm(page, "Restore this backup?",
                      f"Your journal and progress will be replaced by the backup from "
                      f"{backup_label(backup)}. A backup of your data as it is now is taken first, "
                      "so you can go back.", "Restore", confirmed)

    rows: list[ft.Control] = []
    for backup in backups:
        rows.append(ft.Row(
            [
                ft.Container(content=ft.Text(backup_label(backup), size=16, color=ft.Colors.ON_SURFACE),
                             expand=True),
                ft.OutlinedButton(
                    "Restore",
                    tooltip=f"Restore the backup from {backup_label(backup)}",
                    on_click=lambda _, b=backup: restore(b),
                    height=theme.TOUCH_TARGET,
                ),
            ],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        ))
    if not rows:
        rows.append(theme.caption("No automatic backup yet: one is taken each day the app opens."))

    return ft.Column(
        [
            ft.Text("Your data", size=18, weight=ft.FontWeight.W_600, color=ft.Colors.ON_SURFACE),
            theme.body("Everything stays on this device. Export your journal to keep a copy "
                       "or to move it; import a JSON export to bring it back.",
                       color=ft.Colors.ON_SURFACE_VARIANT),
            ft.Row(
                [
                    theme.secondary_button("Export as Markdown", lambda _: page.run_task(export, "md"),
                                           icon=ft.Icons.DESCRIPTION_OUTLINED),
                    theme.secondary_button("Export as JSON", lambda _: page.run_task(export, "json"),
                                           icon=ft.Icons.DATA_OBJECT),
                ],
                wrap=True,
                run_spacing=8,
            ),
            theme.pick_file_button("Import a JSON export", ft.Icons.UPLOAD_FILE, picker,
                                   "Choose a Stepwise journal export", "json"),
            theme.caption("Importing never duplicates: an entry already here keeps its newer "
                          "version. A backup is taken first."),
            *([ft.ProgressRing(width=24, height=24)] if busy else []),
            *([Notice(*notice)] if notice else []),
            ft.Text("Restore from an automatic backup", size=16, weight=ft.FontWeight.W_600,
                    color=ft.Colors.ON_SURFACE),
            *rows,
        ],
        spacing=12,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )
