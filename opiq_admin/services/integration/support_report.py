"""The plain-text report an administrator pastes into a message to Opiq's support.

It is built only from the checks, the time, the program's version and the administrator's
name, never from a session, so no token or anyone else's personal data can end up in it.
Like the advice it quotes, its words are in Estonian and English here, not in Qt's
translations, so that it reads the same whichever front end makes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from urllib.parse import urlsplit

from opiq_admin import __version__
from opiq_admin.services.integration.check import SchoolCheck

_TEXT: dict[str, dict[str, str]] = {
    "title": {"et": "opiq-admin {version} — Opiqu ja eKooli liidestuse aruanne",
              "en": "opiq-admin {version} — Opiq and eKool integration report"},
    "checked": {"et": "Kontrollitud: {time}", "en": "Checked: {time}"},
    "admin": {"et": "Administraator: {name}", "en": "Administrator: {name}"},
    "opiq_server": {"et": "Opiqu server: {server}", "en": "Opiq server: {server}"},
    "ekool_server": {"et": "eKooli server: {server}", "en": "eKool server: {server}"},
    "practice": {"et": "Harjutusrežiim: andmed ei ole päris.",
                 "en": "Practice mode: the data is not real."},
    "schools": {"et": "Koolid ({count}):", "en": "Schools ({count}):"},
    "yes": {"et": "jah", "en": "yes"},
    "no": {"et": "ei", "en": "no"},
    "status": {"et": "Olek: {status} ({label})", "en": "Status: {status} ({label})"},
    "opiq_ehis": {"et": "EHISe kood Opiqus: {code}", "en": "EHIS ID in Opiq: {code}"},
    "ekool_ehis": {"et": "EHISe kood eKoolis: {code}", "en": "EHIS code in eKool: {code}"},
    "ekool_name": {"et": "Kool eKoolis: {name}", "en": "School in eKool: {name}"},
    "enabled": {"et": "Liidestus lubatud: {answer}", "en": "Integration enabled: {answer}"},
    "official": {"et": "Ametlik EHISe kood: {code}", "en": "Official EHIS code: {code}"},
    "advice": {"et": "Soovitus: {advice}", "en": "Advice: {advice}"},
}

STATUS_LABELS: dict[str, dict[str, str]] = {
    "ok": {"et": "Töötab", "en": "Working"},
    "not_enabled": {"et": "Veel lubamata", "en": "Not enabled yet"},
    "missing_in_ekool": {"et": "eKoolis puudub EHISe kood", "en": "EHIS code missing in eKool"},
    "mismatch": {"et": "EHISe koodid erinevad", "en": "EHIS codes differ"},
    "not_found_in_ekool": {"et": "Kooli ei leitud eKoolist", "en": "School not found in eKool"},
}


def build(checks: Sequence[SchoolCheck], *, lang: str = "et", admin: str | None,
          checked_at: datetime, opiq_server: str = "", ekool_server: str = "",
          practice: bool = False) -> str:
    """The report in `lang` ("et" or "en"); servers are named by host only."""
    lang = "en" if lang == "en" else "et"

    def say(key: str, **values: object) -> str:
        return _TEXT[key][lang].format(**values)

    lines = [say("title", version=__version__),
             say("checked", time=checked_at.isoformat(timespec="seconds")),
             say("admin", name=admin or "—")]
    for key, url in (("opiq_server", opiq_server), ("ekool_server", ekool_server)):
        if url:
            lines.append(say(key, server=urlsplit(url).netloc or url))
    if practice:
        lines.append(say("practice"))
    lines += ["", say("schools", count=len(checks))]
    for check in checks:
        label = STATUS_LABELS.get(check.status, {}).get(lang, check.status)
        lines += [
            "",
            f"* {check.name}",
            "  " + say("status", status=check.status, label=label),
            "  " + say("opiq_ehis", code=check.opiq_ehis_id),
            "  " + say("ekool_ehis", code=check.ekool_ehis_code or "—"),
            "  " + say("ekool_name", name=check.ekool_name or "—"),
            "  " + say("enabled", answer=say("yes" if check.enabled else "no")),
        ]
        if check.official_code:
            lines.append("  " + say("official", code=check.official_code))
        lines.append("  " + say("advice", advice=check.advice))
    return "\n".join(lines) + "\n"
