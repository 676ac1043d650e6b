"""The two accounts of one pair side by side, so a person can check the scan's verdict:
the fields in which they differ are marked, the reasons are listed, and what stays behind
in the old account (its work and its licence) is said plainly before anyone approves."""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import QEvent, QLocale
from PySide6.QtWidgets import QTextBrowser, QWidget

from opiq_admin.services.clients.models import Activity
from opiq_admin.services.duplicates.matching.reasons import reason_in
from opiq_admin.services.duplicates.review import (
    APPROVED,
    REJECTED,
    ReviewItem,
    differences,
    mask_id_code,
)
from opiq_admin.ui.common.theme import colour, surface
from opiq_admin.ui.duplicates.review_model import kind_name, status_name

# Fields that differ are drawn on the theme's "error" surface, what stays behind on its
# "warning" one.
DIFFERENT, STAYS_BEHIND = "error", "warning"


def local_date(stamp: str | None) -> str:
    if not stamp:
        return ""
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone().strftime(
            "%Y-%m-%d")
    except ValueError:
        return stamp


class ReviewDetail(QTextBrowser):
    """Shows one `ReviewItem`; the old account's activity arrives later, by `show_activity`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setMinimumWidth(360)
        self.item: ReviewItem | None = None
        self.activity: Activity | None = None
        self.activity_failed = False
        self.show_current()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.show_current()
        super().changeEvent(event)

    def show_item(self, item: ReviewItem | None, activity: Activity | None = None) -> None:
        self.item = item
        self.activity = activity
        self.activity_failed = False
        self.show_current()

    def show_activity(self, item_key: tuple[str, str], activity: Activity | None) -> None:
        """`activity` of the shown item's old account; None when it could not be read."""
        if self.item is None or self.item.key != item_key:
            return
        self.activity = activity
        self.activity_failed = activity is None
        self.show_current()

    # -- rendering -------------------------------------------------------------------------
    def show_current(self) -> None:
        if self.item is None:
            hint = self.tr("Choose a pair in the table to see its two accounts side by side.")
            self.setHtml(f"<p style='color:{colour('muted')}'>{escape(hint)}</p>")
            return
        self.setHtml(self._html(self.item))

    def _html(self, item: ReviewItem) -> str:
        old, new = item.old, item.new
        differ = differences(old, new)
        yes, no = self.tr("yes"), self.tr("no")
        rows = [
            ("name", self.tr("Name"), item.old_name, item.new_name),
            ("email", self.tr("E-mail"), old.email or "", new.email or ""),
            ("id_code", self.tr("ID code"), mask_id_code(old.id_code),
             mask_id_code(new.id_code)),
            ("birth_date", self.tr("Birth date"), old.birth_date or "", new.birth_date or ""),
            ("created", self.tr("Created"), local_date(old.created_at),
             local_date(new.created_at)),
            ("journals", self.tr("Journals"), ", ".join(old.journals), ", ".join(new.journals)),
            ("licence", self.tr("Licence"), yes if old.has_license else no,
             yes if new.has_license else no),
            ("roles", self.tr("Roles"), self._roles(old.roles), self._roles(new.roles)),
            ("ekool", self.tr("Linked to eKool"), yes if old.linked else no,
             yes if new.linked else no),
            ("id", self.tr("Account ID"), old.id, new.id),
        ]
        cells = []
        different_bg, _border, different_fg = surface(DIFFERENT)
        for key, label, a, b in rows:
            style = (f" style='background:{different_bg}; color:{different_fg};"
                     " font-weight:bold'" if key in differ else "")
            label_colour = different_fg if key in differ else colour("muted")
            cells.append(f"<tr{style}><td style='color:{label_colour}'>{escape(label)}</td>"
                         f"<td>{escape(a) or '—'}</td><td>{escape(b) or '—'}</td></tr>")
        old_head, new_head = self.tr("Old account"), self.tr("New account (eKool)")
        head = (f"<tr><th></th><th align='left'>{escape(old_head)}</th>"
                f"<th align='left'>{escape(new_head)}</th></tr>")
        table = ("<table cellspacing='0' cellpadding='4' width='100%'>" + head
                 + "".join(cells) + "</table>")
        marked = self.tr("Fields in which the two accounts differ are marked.")
        legend = (f"<p style='color:{colour('rejected')}; font-size:small'>{escape(marked)}</p>"
                  if differ else "")
        # The window's language is the default locale (ui.i18n sets it on every switch).
        lang = "et" if QLocale().name().startswith("et") else "en"
        reasons = "".join(f"<li>{escape(reason_in(r, lang))}</li>" for r in item.reasons)
        summary = self.tr("{status}, score {score:.2f}, {kind}, {school}").format(
            status=status_name(item.status), score=item.score, kind=kind_name(item.kind),
            school=item.school)
        why = self.tr("Why they look like one person")
        parts = [f"<h3>{escape(item.old_name)} → {escape(item.new_name)}</h3>",
                 f"<p>{escape(summary)}</p>", table, legend, f"<p><b>{escape(why)}</b></p>",
                 f"<ul>{reasons}</ul>", self._behind(item), self._decision(item)]
        return "".join(parts)

    def _roles(self, roles: tuple[str, ...]) -> str:
        names = {"student": self.tr("student"), "teacher": self.tr("teacher"),
                 "admin": self.tr("administrator")}
        return ", ".join(names.get(r, r) for r in roles)

    def _behind(self, item: ReviewItem) -> str:
        """The guide's warning: accounts are never merged, so the old work stays behind."""
        if self.activity is not None:
            work = self.tr("Materials added: {materials}; work solved: {work}.").format(
                materials=self.activity.materials_added, work=self.activity.work_solved)
            if self.activity.last_active_at:
                work += " " + self.tr("Last active {date}.").format(
                    date=local_date(self.activity.last_active_at))
        elif self.activity_failed:
            work = self.tr("The old account's activity could not be read.")
        else:
            work = self.tr("Reading the old account's activity…")
        licence = (self.tr("The old account holds a licence; the remedy returns it to the "
                           "school's pool and gives one to the new account.")
                   if item.old.has_license else self.tr("The old account holds no licence."))
        warning = self.tr("Accounts cannot be merged. What the person did in the old account "
                          "stays there and does not move to the new one.")
        title = self.tr("Stays behind in the old account")
        background, _border, text = surface(STAYS_BEHIND)
        return (f"<div style='background:{background}; color:{text}; padding:6px'>"
                f"<p><b>{escape(title)}</b></p>"
                f"<p>{escape(work)}</p><p>{escape(licence)}</p><p>{escape(warning)}</p></div>")

    def _decision(self, item: ReviewItem) -> str:
        parts = []
        if item.decision in (APPROVED, REJECTED):
            parts.append(self.tr("{decision} by {who} on {date}.").format(
                decision=status_name(item.decision).capitalize(),
                who=item.decided_by or "?", date=local_date(item.decided_at)))
        if item.note:
            parts.append(self.tr("Note: {note}").format(note=item.note))
        return "".join(f"<p>{escape(p)}</p>" for p in parts)
