"""The translations are finished: every string of the window (Qt's .ts) and of the services
and the command line (gettext's .po) has its Estonian, with its plural forms, and no
Estonian is kept for a string the code no longer has."""

from __future__ import annotations

import gettext
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from babel.messages.pofile import read_po

from opiq_admin.services import i18n
from opiq_admin.ui import i18n_build


def messages(ts: Path) -> list[tuple[str, str, str]]:
    """(context, source, state) of each message; state is the translation's type, or
    "finished"."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            state = "missing" if translation is None else translation.get("type", "finished")
            if state == "finished" and translation is not None:
                forms = [f.text or "" for f in translation.iter("numerusform")]
                if message.get("numerus") == "yes":
                    # Estonian has two forms: "1 paar", "2 paari"; each says its number.
                    if len(forms) != 2 or not all("%n" in f for f in forms):
                        state = "numerus forms"
                elif not (translation.text or "").strip():
                    state = "empty"
            found.append((name, message.findtext("source") or "", state))
    return found


def test_lupdate_finds_nothing_unfinished_or_obsolete(tmp_path: Path) -> None:
    for ts in i18n_build.SOURCE_DIR.glob("*.ts"):
        shutil.copy(ts, tmp_path / ts.name)
    updated = i18n_build.update(tmp_path, drop_obsolete=False)
    assert updated
    left = [(ts.name, *message) for ts in updated for message in messages(ts)
            if message[2] != "finished"]
    assert not left, "\n".join(map(str, left))


# -- gettext: the services and the command line --------------------------------------------

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text.replace("{{", "").replace("}}", "")))


def test_babel_finds_every_message_translated_with_its_plural_forms(tmp_path: Path) -> None:
    for po in i18n_build.SOURCE_DIR.glob("*.po"):
        shutil.copy(po, tmp_path / po.name)
    written = i18n_build.extract_messages(tmp_path, drop_obsolete=False)
    catalogues = [p for p in written if p.suffix == ".po"]
    assert [p.name for p in catalogues] == ["opiq_admin_et.po"]
    for path in catalogues:
        with path.open("rb") as file:
            catalog = read_po(file)
        assert catalog.num_plurals == 2 and catalog.plural_expr == "(n != 1)"
        assert not catalog.obsolete, f"{path.name}: no longer in the code: {list(catalog.obsolete)}"
        messages = [m for m in catalog if m.id]
        assert len(messages) > 100
        for message in messages:
            forms = message.string if isinstance(message.string, tuple) else (message.string,)
            assert all(forms) and "fuzzy" not in message.flags, f"untranslated: {message.id!r}"
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            if isinstance(message.id, tuple):
                assert len(forms) == 2, message.id
            for form in forms:
                assert placeholders(form) == placeholders(ids[-1]), (message.id, form)
    assert any(isinstance(m.id, tuple) for m in messages), "no plural forms at all"


def test_the_compiled_catalogue_speaks_estonian_with_plurals(tmp_path: Path) -> None:
    [mo] = i18n_build.compile_messages(locale_dir=tmp_path)
    with mo.open("rb") as file:
        catalogue = gettext.GNUTranslations(file)
    assert catalogue.gettext("the disk is full") == "ketas on täis"
    one, many = (catalogue.ngettext("{n} pair", "{n} pairs", n).format(n=n) for n in (1, 7))
    assert (one, many) == ("1 paar", "7 paari")
    assert catalogue.ngettext("{n} account", "{n} accounts", 0).format(n=0) == "0 kontot"


def test_services_speak_the_language_chosen() -> None:
    from opiq_admin.services.errors import NotFound, SignInNeeded

    previous = i18n.current_language()
    try:
        i18n.use_language("et")
        assert str(SignInNeeded("opiq")) == "logi kõigepealt sisse: opiq-admin login opiq"
        assert str(NotFound("GET /schools", 404, "")) == "GET /schools: ei leitud (HTTP 404)"
        i18n.use_language("en")
        assert str(SignInNeeded("opiq")) == "sign in first: opiq-admin login opiq"
        assert str(NotFound("GET /schools", 404, "")) == "GET /schools: not found (HTTP 404)"
    finally:
        i18n.use_language(previous)


def shadowed_underscores(source: str) -> list[int]:
    """Lines of functions that call `_(…)` and also bind `_` (`_, x = …`, `for _ in`, a
    parameter `_`): there `_` is a local name in the whole function, and `_("…")` fails."""
    import ast

    found = []
    for fn in ast.walk(ast.parse(source)):
        if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        binds = any(isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store)
                    for n in ast.walk(fn)) or \
            any(isinstance(a, ast.arg) and a.arg == "_" for a in ast.walk(fn.args))
        calls = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_"
                    for n in ast.walk(fn))
        if binds and calls:
            found.append(fn.lineno)
    return found


def test_no_function_hides_gettext_behind_a_local_underscore() -> None:
    assert shadowed_underscores("def f():\n    _, b = 1, 2\n    return _('x')\n") == [1]
    package = Path(i18n.__file__).resolve().parent.parent
    found = [f"{path.relative_to(package)}:{line}" for path in sorted(package.rglob("*.py"))
             for line in shadowed_underscores(path.read_text(encoding="utf-8"))]
    assert not found
