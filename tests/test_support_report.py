"""The support report: the checks in words, in Estonian or English, servers by host only."""

from __future__ import annotations

from datetime import UTC, datetime

from opiq_admin import __version__
from opiq_admin.services.integration.check import STATUSES, SchoolCheck
from opiq_admin.services.integration.support_report import STATUS_LABELS, build

CHECK = SchoolCheck(school_id="s1", name="Tartu Kool", opiq_ehis_id="123",
                    ekool_ehis_code=None, enabled=False, status="missing_in_ekool",
                    advice="Sisesta kood.", ekool_name="Tartu Kool", official_code="123")
WHEN = datetime(2024, 9, 1, 8, 30, tzinfo=UTC)


def test_report_in_estonian_names_every_fact_of_each_school() -> None:
    text = build([CHECK], admin="Mari Maasikas", checked_at=WHEN,
                 opiq_server="https://opiq.example/api?x=1", practice=True)
    assert text.startswith(f"opiq-admin {__version__} — Opiqu ja eKooli liidestuse aruanne\n")
    assert "Kontrollitud: 2024-09-01T08:30:00+00:00" in text
    assert "Administraator: Mari Maasikas" in text
    assert "Opiqu server: opiq.example\n" in text and "eKooli server" not in text
    assert "Harjutusrežiim" in text
    assert "Olek: missing_in_ekool (eKoolis puudub EHISe kood)" in text
    assert "EHISe kood eKoolis: —" in text and "Liidestus lubatud: ei" in text
    assert "Ametlik EHISe kood: 123" in text and "Soovitus: Sisesta kood." in text
    assert text.endswith("\n")


def test_report_in_english_and_every_status_has_a_label() -> None:
    text = build([CHECK], lang="en", admin=None, checked_at=WHEN)
    assert "Administrator: —" in text and "Schools (1):" in text
    assert "Status: missing_in_ekool (EHIS code missing in eKool)" in text
    assert "Integration enabled: no" in text and "Practice mode" not in text
    assert set(STATUS_LABELS) == set(STATUSES)
