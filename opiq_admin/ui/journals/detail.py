"""The Journals page's detail pane: who is in the selected journal, whether each person's
Opiq account is linked to eKool, what eKool changed since the last refresh, and, for an
eKool journal, why its roster cannot be edited in Opiq and where to change it instead."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from opiq_admin.ui.common.theme import colour, surface
from opiq_admin.ui.journals.rows import (
    CHANGED,
    UNTRANSFERRED,
    JournalItem,
    Person,
    local_time,
    origin_name,
)


class JournalDetail(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.item: JournalItem | None = None
        self.count = 0
        self.people: dict[str, Person] = {}
        self.ekool_people: dict[str, str] = {}
        self.show_nothing()

    def show_nothing(self, count: int = 0) -> None:
        self.item, self.count = None, count
        if count > 1:
            text = self.tr("%n journal(s) selected.", "", count)
        else:
            text = self.tr("Select a journal to see its teachers and students.")
        self.setHtml(f"<p style='color:palette(mid)'>{escape(text)}</p>")

    def show_item(self, item: JournalItem, people: dict[str, Person],
                  ekool_people: dict[str, str]) -> None:
        """`people`: Opiq accounts by id; `ekool_people`: eKool names by eKool id."""
        self.item, self.count = item, 1
        self.people, self.ekool_people = people, ekool_people
        self.setHtml(self.journal_html())

    def retranslate(self) -> None:
        if self.item is not None:
            self.setHtml(self.journal_html())
        else:
            self.show_nothing(self.count)

    # -- HTML ----------------------------------------------------------------------------
    def journal_html(self) -> str:
        item = self.item
        assert item is not None
        parts = [f"<h3>{escape(item.name)}</h3>",
                 "<p>" + escape(item.school) + " · "
                 + escape(self.tr("from {origin}").format(origin=origin_name(item.origin)))]
        if item.course_set:
            parts.append(" · " + escape(self.tr("course set {name}").format(
                name=item.course_set)))
        parts.append("</p>")
        if item.state == UNTRANSFERRED:
            parts.append(self._untransferred())
            return "".join(parts)
        journal = item.journal
        assert journal is not None
        if item.origin == "ekool":
            parts.append(self._read_only(journal.refreshed_at))
        if item.state == CHANGED:
            parts.append(self._changes())
        parts.append(self._people(self.tr("Teachers"), journal.teachers))
        parts.append(self._people(self.tr("Students"), journal.students))
        return "".join(parts)

    def _note(self, kind: str, html: str) -> str:
        background, _border, text = surface(kind)
        return (f"<table width='100%' cellpadding='6' style='background:{background};"
                f"margin:4px 0'><tr><td style='color:{text}'>{html}</td></tr></table>")

    def _read_only(self, refreshed_at: str | None) -> str:
        text = self.tr(
            "<b>Managed in eKool.</b> The name, teachers and students of this journal "
            "come from eKool and cannot be changed in Opiq. Change them in eKool; Opiq "
            "takes the changes over at the nightly refresh, or now with <b>Update journal "
            "data</b>.")
        when = self.tr("Last refreshed: {when}").format(when=local_time(refreshed_at))
        return self._note("info", f"{text}<br>{escape(when)}")

    def _changes(self) -> str:
        journal = self.item.journal if self.item else None
        assert journal is not None
        heading = self.tr("Changed in eKool since the last refresh")
        lines = [f"<b>⚠ {escape(heading)}</b>"]
        if journal.added_in_ekool:
            names = ", ".join(escape(self.ekool_people.get(i, i))
                              for i in journal.added_in_ekool)
            lines.append(escape(self.tr("Added in eKool ({count}):").format(
                count=len(journal.added_in_ekool))) + " " + names)
        if journal.removed_in_ekool:
            names = ", ".join(escape(self._name(i)) for i in journal.removed_in_ekool)
            lines.append(escape(self.tr("Removed in eKool ({count}):").format(
                count=len(journal.removed_in_ekool))) + " " + names)
        return self._note("warning", "<br>".join(lines))

    def _untransferred(self) -> str:
        u = self.item.untransferred if self.item else None
        assert u is not None
        text = self.tr(
            "<b>Not transferred to Opiq.</b> This journal is in eKool, but no teacher has "
            "transferred it yet. A teacher does that in eKool (<b>Seo päevik Opiquga</b>). "
            "Students who already have an Opiq account should link it to eKool first "
            "(<b>Add integration</b>), or the transfer makes them a second account.")
        names = [self.ekool_people.get(i, i) for i in u.students]
        heading = self.tr("Students in eKool ({count})").format(count=len(names))
        return (self._note("info", text) + f"<h4>{escape(heading)}</h4><ul>"
                + "".join(f"<li>{escape(n)}</li>" for n in sorted(names)) + "</ul>")

    def _name(self, account_id: str) -> str:
        person = self.people.get(account_id)
        return person.name if person else account_id

    def _people(self, heading: str, ids: tuple[str, ...]) -> str:
        rows = []
        for account_id in ids:
            person = self.people.get(account_id)
            if person is None or person.linked is None:
                mark = f"<span style='color:{colour('muted')}'>?</span>", self.tr("not known yet")
            elif person.linked:
                mark = f"<span style='color:{colour('ok')}'>✔</span>", self.tr("linked to eKool")
            else:
                mark = (f"<span style='color:{colour('warning')}'>✖</span>",
                        self.tr("not linked to eKool"))
            rows.append(f"<tr><td>{escape(self._name(account_id))}</td>"
                        f"<td>{mark[0]} {escape(mark[1])}</td></tr>")
        linked = sum(1 for i in ids if (p := self.people.get(i)) and p.linked)
        title = self.tr("{what} ({count}, {linked} linked to eKool)").format(
            what=heading, count=len(ids), linked=linked)
        nobody = self.tr("nobody")
        body = "".join(rows) or f"<tr><td>{escape(nobody)}</td></tr>"
        return (f"<h4>{escape(title)}</h4>"
                f"<table cellspacing='0' cellpadding='2'>{body}</table>")
