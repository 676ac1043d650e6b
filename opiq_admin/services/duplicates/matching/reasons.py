"""The engine's reasons in Estonian, for the window.

The engine writes its reasons in English, which is also what `duplicates scan --json`
carries (a stable, scriptable form). The review page shows them in the user's language;
each English sentence shape maps to an Estonian one here, and a sentence with no mapping
is shown as it is rather than hidden.
"""

from __future__ import annotations

import re

_NAME_KINDS = {
    "same name": "sama nimi",
    "one name given only by its initial": "üks nimi on antud ainult algustähega",
    "names match up to a typing error": "nimed klapivad trükiveani täpsusega",
    "a nickname of the same given name": "sama eesnime hüüdnimi",
    "names match as transliterations of one name": "nimed on sama nime eri transkriptsioonid",
    "names match after folding case, spacing and diacritics":
        "nimed klapivad, kui jätta arvestamata suurtähed, tühikud ja täpitähed",
    "part of a double name matches": "osa kahekordsest nimest klapib",
}

_WHAT = {"given names": "eesnimed", "surnames": "perekonnanimed"}
_FIELD_NAME_PATTERNS: list[tuple[re.Pattern[str], str]] = [(re.compile(p), t) for p, t in (
    (r"^(given names|surnames) match after folding case, spacing and diacritics: (.+)$",
     "{what} klapivad, kui jätta arvestamata suurtähed, tühikud ja täpitähed: \\2"),
    (r"^same (given names|surnames): (.+)$", "samad {what}: \\2"),
    (r"^(given names|surnames) match as transliterations of one name: (.+)$",
     "{what} on sama nime eri transkriptsioonid: \\2"),
    (r"^(given names|surnames) match up to a typing error: (.+)$",
     "{what} klapivad trükiveani täpsusega: \\2"),
    (r"^(given names|surnames) are alike: (.+)$", "{what} on sarnased: \\2"),
    (r"^(given names|surnames) differ: (.+)$", "{what} erinevad: \\2"),
)]
_STRENGTH = re.compile(r"^(.*) \((hardly any|weak|moderate|strong|very strong) evidence "
                       r"(for one person|against), ×(1/)?([\d. ]+)\)$", re.DOTALL)
_STRENGTH_ET = {"hardly any": "peaaegu olematu", "weak": "nõrk", "moderate": "mõõdukas",
                "strong": "tugev", "very strong": "väga tugev"}

_PATTERNS: list[tuple[re.Pattern[str], str]] = [(re.compile(p), t) for p, t in (
    (r"^birth dates (.+) / (.+) differ by a slip$",
     r"sünnikuupäevad \1 / \2 erinevad trükiveani võrra"),
    (r"^e-mail (\S+)@ spells out the given name (.+)$",
     r"e-post \1@ kirjutab eesnime \2 välja"),
    (r"^e-mail (\S+)@ confirms the name (.+)$", r"e-post \1@ kinnitab nime \2"),
    (r"^same e-mail address, but different given names$",
     "sama e-posti aadress, aga eri eesnimed"),
    (r"^same e-mail name (\S+)@, but different given names$",
     r"sama e-posti nimi \1@, aga eri eesnimed"),
    (r"^e-mail (\S+)@ says nothing of the name$", r"e-post \1@ ei ütle nime kohta midagi"),
    (r"^class (.+) cannot lead to class (.+)$", r"klassist \1 ei saa jõuda klassi \2"),
    (r"^class (.+) some years before (.+)$", r"klass \1 mõni aasta enne klassi \2"),
    (r"^no school in common$", "ühist kooli ei ole"),
    (r"^one is a student, the other a teacher$", "üks on õpilane, teine õpetaja"),
    (r"^no licence left behind on the unlinked account$",
     "liidestamata kontole ei jäänud litsentsi"),
    (r"^only a common name speaks for the pair$", "paari kasuks räägib vaid levinud nimi"),
    (r"^first and last name swapped: (.+) ~ (.+)$", r"ees- ja perekonnanimi vahetuses: \1 ~ \2"),
    (r"^the unlinked account has a name part the register lacks: (.+)$",
     r"liidestamata kontol on nimeosa, mida registris pole: \1"),
    (r"^(.+) is a nickname of (.+) but also a name of its own$",
     r"\1 on nime \2 hüüdnimi, aga ka iseseisev nimi"),
    (r"^(.+) is itself a name in use, not a misspelt (.+)$",
     r"\1 on ise kasutusel olev nimi, mitte valesti kirjutatud \2"),
    (r"^same personal ID code \(foreign\)$", "sama välisriigi isikukood"),
    (r"^same personal ID code$", "sama isikukood"),
    (r"^different valid personal ID codes$", "erinevad kehtivad isikukoodid"),
    (r"^different foreign ID codes$", "erinevad välisriigi isikukoodid"),
    (r"^different birth dates (.+) / (.+)$", r"erinevad sünnikuupäevad \1 / \2"),
    (r"^same birth date (.+)$", r"sama sünnikuupäev \1"),
    (r"^same school (.+)$", r"sama kool \1"),
    (r"^both are students there$", "mõlemad on seal õpilased"),
    (r"^both are teachers there$", "mõlemad on seal õpetajad"),
    (r"^e-mail (\S+)@ contains the birth year (\d+)$", r"e-posti \1@ sees on sünniaasta \2"),
    (r"^e-mail (\S+)@ holds the year (\d+), not the birth year (\d+)$",
     r"e-posti \1@ sees on aasta \2, mitte sünniaasta \3"),
    (r"^e-mail (\S+)@ ends in the birth year's digits$",
     r"e-post \1@ lõpeb sünniaasta numbritega"),
    (r"^e-mail (\S+)@ ends in (\d+), not the birth year's digits (\d+)$",
     r"e-post \1@ lõpeb numbritega \2, mitte sünniaasta numbritega \3"),
    (r"^same e-mail address$", "sama e-posti aadress"),
    (r"^same e-mail name (\S+)@$", r"sama e-posti nimi \1@"),
    (r"^e-mail (\S+)@ spells out the surname (.+)$",
     r"e-post \1@ kirjutab perekonnanime \2 välja"),
    (r"^e-mail (\S+)@ contains the name (.+)$", r"e-posti \1@ sees on nimi \2"),
    (r"^e-mail (\S+)@ contains part of the name$", r"e-posti \1@ sees on osa nimest"),
    (r"^e-mail (\S+)@ does not contain the name$", r"e-posti \1@ sees ei ole nime"),
    (r"^same class (.+)$", r"sama klass \1"),
    (r"^class (\S+) a year before (\S+)$", r"klass \1 aasta enne klassi \2"),
    (r"^different classes (.+) / (.+)$", r"erinevad klassid \1 / \2"),
    (r"^the unlinked account was created first$", "liidestamata konto loodi varem"),
    (r"^the unlinked account was created after the linked one$",
     "liidestamata konto loodi pärast liidestatud kontot"),
    (r"^the licence stayed with the unlinked account$", "litsents jäi liidestamata kontole"),
    (r"^surnames of one family but of different sex: (.+) / (.+)$",
     r"sama pere perekonnanimed, aga eri soost: \1 / \2"),
    (r"^names differ: (.+) / (.+)$", r"nimed erinevad: \1 / \2"),
    (r"^names differ$", "nimed erinevad"),
    (r"^another account fits about as well: (.+)$", r"sama hästi sobib ka teine konto: \1"),
    (r"^the evidence is not strong enough to propose$",
     "tõendeid ei ole ettepaneku tegemiseks piisavalt"),
    (r"^the unlinked account was made when the person was (\d+)$",
     r"liidestamata konto loodi, kui inimene oli \1-aastane"),
)]


def _name_kind(text: str) -> str | None:
    parts = [p.strip() for p in text.split(";")]
    translated = [_NAME_KINDS.get(p) for p in parts]
    return "; ".join(translated) if all(translated) else None  # type: ignore[arg-type]


def reason_in(reason: str, lang: str) -> str:
    """`reason` in `lang` ("et" or "en"); unknown shapes come back unchanged.

    A reason may end in its weight in words ("(strong evidence for one person, ×120)")
    and may join several statements with "; "; each part is translated on its own.
    """
    if lang != "et":
        return reason
    weighed = _STRENGTH.match(reason)
    if weighed:
        head, word, way, inverse, factor = weighed.groups()
        parts = [_sentence(part) for part in head.split("; ")]
        if any(p is None for p in parts):
            return reason
        side = "ühe inimese kasuks" if way == "for one person" else "selle vastu"
        return (f"{'; '.join(p for p in parts if p)} ({_STRENGTH_ET[word]} tõend {side}, "
                f"×{inverse or ''}{factor.replace('.', ',')})")
    return _sentence(reason) or reason


def _sentence(reason: str) -> str | None:
    """One statement in Estonian, or None when its shape is unknown."""
    for pattern, template in _FIELD_NAME_PATTERNS:
        found = pattern.match(reason)
        if found:
            return found.expand(template.format(what=_WHAT[found.group(1)]))
    for pattern, template in _PATTERNS:
        if pattern.match(reason):
            return pattern.sub(template, reason)
    head, sep, tail = reason.partition(": ")
    kind = _name_kind(head)
    if kind is not None:
        return f"{kind}{sep}{tail}"
    return None
