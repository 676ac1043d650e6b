"""The plain-text report an administrator pastes into a message to Opiq's support.

It is built only from the checks, the time, the program's version and the administrator's
name, never from a session, so no token or anyone else's personal data can end up in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from urllib.parse import urlsplit

from PySide6.QtCore import QObject

from .. import __version__
from ..services.integration import SchoolCheck
from .integration_view import IntegrationStatus


class SupportReport(QObject):
    """Builds the report in the language of the window."""

    def build(self, checks: Sequence[SchoolCheck], *, admin: str | None,
              checked_at: datetime, opiq_server: str = "", ekool_server: str = "",
              practice: bool = False) -> str:
        lines = [
            self.tr("opiq-admin {version} — Opiq and eKool integration report").format(
                version=__version__),
            self.tr("Checked: {time}").format(time=checked_at.isoformat(timespec="seconds")),
            self.tr("Administrator: {name}").format(name=admin or "—"),
        ]
        for caption, url in ((self.tr("Opiq server: {server}"), opiq_server),
                             (self.tr("eKool server: {server}"), ekool_server)):
            if url:
                lines.append(caption.format(server=urlsplit(url).netloc or url))
        if practice:
            lines.append(self.tr("Practice mode: the data is not real."))
        lines += ["", self.tr("Schools ({count}):").format(count=len(checks))]
        for check in checks:
            enabled = self.tr("yes") if check.enabled else self.tr("no")
            lines += [
                "",
                f"* {check.name}",
                "  " + self.tr("Status: {status} ({label})").format(
                    status=check.status, label=IntegrationStatus.label(check.status)),
                "  " + self.tr("EHIS ID in Opiq: {code}").format(code=check.opiq_ehis_id),
                "  " + self.tr("EHIS code in eKool: {code}").format(
                    code=check.ekool_ehis_code or "—"),
                "  " + self.tr("School in eKool: {name}").format(name=check.ekool_name or "—"),
                "  " + self.tr("Integration enabled: {answer}").format(answer=enabled),
            ]
            if check.official_code:
                lines.append("  " + self.tr("Official EHIS code: {code}").format(
                    code=check.official_code))
            lines.append("  " + self.tr("Advice: {advice}").format(advice=check.advice))
        return "\n".join(lines) + "\n"
