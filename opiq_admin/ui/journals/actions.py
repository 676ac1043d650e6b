"""What the Journals page does to journals: "Uuenda päeviku andmeid" with progress and a
summary of what it brought, delete in Opiq after a confirmation that says who loses what,
and the CSV export of the rows shown."""

from __future__ import annotations

import asyncio
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressBar, QPushButton, QWidget

from opiq_admin.services import journals
from opiq_admin.services.accounts import managed_schools
from opiq_admin.ui.common.async_ops import Op, OperationHost
from opiq_admin.ui.common.export import choose_save_file, save_text
from opiq_admin.ui.common.table_model import RowTableModel
from opiq_admin.ui.common.widgets import Banner
from opiq_admin.ui.journals.rows import JournalItem, Person

if TYPE_CHECKING:
    from opiq_admin.app import AppContext


class JournalsView(Protocol):
    """What the actions need of the Journals page: the page satisfies it, and the two
    modules need not import each other."""

    ctx: AppContext
    host: OperationHost
    people: dict[str, Person]
    model: RowTableModel[JournalItem]
    progress: QProgressBar
    result: Banner
    update_button: QPushButton
    delete_button: QPushButton
    export_button: QPushButton

    def selected_items(self) -> list[JournalItem]: ...

    def selection_changed_later(self) -> None: ...

    def export_path_default(self) -> Path: ...

    async def reload(self) -> None: ...


def _transferred_ekool(items: list[JournalItem]) -> list[JournalItem]:
    return [i for i in items if i.journal is not None and i.origin == "ekool"]


class JournalActions(QObject):
    def __init__(self, page: JournalsView) -> None:
        super().__init__(page if isinstance(page, QObject) else None)
        self.page = page
        self.delete_dialog: QMessageBox | None = None
        self.delete_confirm: QPushButton | None = None
        self.export_dialog: QFileDialog | None = None
        self.last_results: list[dict[str, Any]] = []

    @property
    def ctx(self) -> AppContext:
        return self.page.ctx

    @property
    def page_widget(self) -> QWidget:
        """The page as the widget it is, to parent dialogs (the Journals page is one)."""
        return cast(QWidget, self.page)

    def admin_schools(self) -> set[str]:
        if not (self.ctx.opiq.signed_in and self.ctx.opiq.user):
            return set()
        return {s.id for s in managed_schools(self.ctx)}

    # -- buttons -----------------------------------------------------------------------------
    def update_buttons(self, items: list[JournalItem]) -> None:
        page = self.page
        ekool = _transferred_ekool(items)
        busy = page.progress.isVisible()
        page.update_button.setEnabled(bool(ekool) and not busy)
        admin = self.admin_schools()
        # Deleting is a school administrator's right only: a teacher never sees the button.
        page.delete_button.setVisible(bool(admin))
        deletable = bool(items) and len(ekool) == len(items) and all(
            i.school_id in admin for i in items)
        page.delete_button.setEnabled(deletable and not busy)
        if deletable or not items:
            page.delete_button.setToolTip(self.tr(
                "Delete the selected eKool journals in Opiq; they stay in eKool"))
        else:
            page.delete_button.setToolTip(self.tr(
                "Only journals transferred from eKool can be deleted here, and only at a "
                "school where you are an administrator"))
        page.export_button.setEnabled(page.model.rowCount() > 0)

    # -- update journal data --------------------------------------------------------------
    def update_selected(self) -> Op[list[dict[str, Any]]] | None:
        chosen = _transferred_ekool(self.page.selected_items())
        if not chosen:
            return None
        page = self.page
        names = {i.journal.id: i.name for i in chosen if i.journal}
        concurrency = max(1, int(self.ctx.settings.get("concurrency") or 4))

        async def work() -> list[dict[str, Any]]:
            semaphore = asyncio.Semaphore(concurrency)
            done = 0
            page.progress.setRange(0, len(names))
            page.progress.setValue(0)
            page.progress.setFormat(self.tr("%v of %m journals"))
            page.progress.show()

            async def one(journal_id: str) -> dict[str, Any]:
                nonlocal done
                async with semaphore:
                    [result] = await journals.refresh(self.ctx, [journal_id])
                done += 1
                page.progress.setValue(done)
                return result

            try:
                results = list(await asyncio.gather(*(one(j) for j in names)))
                await page.reload()
            finally:
                page.progress.hide()
            for result in results:
                result.setdefault("name", names.get(result["id"], result["id"]))
            return results

        op = Op(page.host, work, label=self.tr("Updating journal data"),
                trigger=[page.update_button, page.delete_button])
        op.success(self.show_update_summary).run_in_background()
        return op

    def show_update_summary(self, results: list[dict[str, Any]]) -> None:
        """What each refresh brought, shown beside the table until dismissed."""
        self.last_results = results
        people = self.page.people
        lines = []
        for r in results:
            name = f"<b>{escape(r['name'])}</b>"
            if r["status"] != "done":
                lines.append(self.tr("{journal}: not updated: {why}").format(
                    journal=name, why=escape(r.get("detail", ""))))
                continue
            added = [people[a].name if a in people else a for a in r["added"]]
            removed = [people[a].name if a in people else a for a in r["removed"]]
            if not added and not removed:
                lines.append(self.tr("{journal}: already the same as in eKool").format(
                    journal=name))
                continue
            parts = []
            if added:
                parts.append(self.tr("%n student(s) added ({names})", "", len(added)).format(
                    names=escape(", ".join(added))))
            if removed:
                parts.append(self.tr("%n student(s) removed ({names})", "", len(removed)).format(
                    names=escape(", ".join(removed))))
            lines.append(f"{name}: " + "; ".join(parts))
        heading = self.tr("Journal data updated from eKool:")
        self.page.result.label.setText(f"{escape(heading)}<br>" + "<br>".join(lines))
        self.page.result.show()

    # -- delete -----------------------------------------------------------------------------
    def confirm_delete(self) -> QMessageBox | None:
        chosen = _transferred_ekool(self.page.selected_items())
        admin = self.admin_schools()
        if not chosen or any(i.school_id not in admin for i in chosen):
            return None
        people = self.page.people
        teachers = sorted({people[t].name if t in people else t
                           for i in chosen if i.journal for t in i.journal.teachers})
        students = {s for i in chosen if i.journal for s in i.journal.students}
        box = QMessageBox(self.page_widget)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Delete in Opiq"))
        if len(chosen) == 1:
            box.setText(self.tr("Delete the journal “{name}” in Opiq?").format(
                name=chosen[0].name))
        else:
            box.setText(self.tr("Delete %n journal(s) in Opiq?", "", len(chosen)))
        who = self.tr("%n student(s)", "", len(students))
        if len(chosen) == 1:
            box.setInformativeText(self.tr(
                "The journal stays in eKool: nothing is changed or deleted there, and a teacher "
                "can transfer it to Opiq again.\n\nIn Opiq, these people lose it: the "
                "teachers {teachers} and {students}. The journal's work and results in Opiq "
                "go with it.").format(teachers=", ".join(teachers) or "—", students=who))
        else:
            box.setInformativeText(self.tr(
                "The journals stay in eKool: nothing is changed or deleted there, and a "
                "teacher can transfer them to Opiq again.\n\nIn Opiq, these people lose "
                "them: the teachers {teachers} and {students}. The journals' work and "
                "results in Opiq go with them.").format(teachers=", ".join(teachers) or "—",
                                                        students=who))
        confirm = box.addButton(self.tr("Delete in Opiq"),
                                QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        ids = [i.journal.id for i in chosen if i.journal]
        box.finished.connect(lambda _: self._delete_answered(box, confirm, ids))
        self.delete_dialog, self.delete_confirm = box, confirm
        box.open()
        return box

    def _delete_answered(self, box: QMessageBox, confirm: QPushButton,
                         ids: list[str]) -> None:
        self.delete_dialog = None
        if box.clickedButton() is confirm:
            self.delete(ids)
        box.deleteLater()

    def delete(self, ids: list[str]) -> Op[list[dict[str, Any]]]:
        page = self.page

        async def work() -> list[dict[str, Any]]:
            results = await journals.delete(self.ctx, ids)
            await page.reload()
            return results

        op = Op(page.host, work, label=self.tr("Deleting journals in Opiq"),
                trigger=[page.update_button, page.delete_button])
        task = op.success(self.show_delete_summary).run_in_background()
        # The buttons follow the selection once the operation has given them back: the
        # deleted journals were the selection.
        task.add_done_callback(lambda _: page.selection_changed_later())
        return op

    def show_delete_summary(self, results: list[dict[str, Any]]) -> None:
        self.last_results = results
        done = [escape(r.get("name", r["id"])) for r in results if r["status"] == "done"]
        failed = [f"{escape(r['id'])}: {escape(r.get('detail', ''))}"
                  for r in results if r["status"] != "done"]
        lines = []
        if done:
            lines.append(self.tr("Deleted in Opiq; still in eKool: {names}").format(
                names=", ".join(done)))
        if failed:
            lines.append(self.tr("Not deleted: {items}").format(items="; ".join(failed)))
        self.page.result.label.setText("<br>".join(lines))
        self.page.result.show()

    # -- export --------------------------------------------------------------------------
    def choose_export_file(self) -> None:
        self.export_dialog = choose_save_file(
            self.page_widget, self.tr("Export the journals"), self.page.export_path_default().name,
            self.tr("CSV files (*.csv)"), self.export)

    def export(self, path: Path) -> Op[None]:
        """Write the rows shown now (filters applied) to `path`."""
        rows = [item.as_row() for item in self.page.model.visible_rows()]
        names = {k: p.name for k, p in self.page.people.items()}
        op = save_text(self.page.host, self.ctx, path, journals.journals_csv(rows, names),
                       action="export_journals", detail=str(len(rows)),
                       label=self.tr("Exporting the journals"),
                       trigger=self.page.export_button)
        op.run_in_background()
        return op
