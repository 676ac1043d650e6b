"""What to do about each integration problem, in Estonian and English.

These texts go to the CLI's JSON and to the window alike, so they live here rather than in
Qt's translation files. The guide's own error message is quoted word for word, so that an
administrator who has seen it in Opiq recognises it.
"""

from __future__ import annotations

GUIDE_MESSAGE = ("Kooli kood {code} puudub Sinu eKooli kasutajate andmetes. "
                 "Pöördu Opiqu kasutajatoe poole.")

_ADVICE: dict[str, dict[str, str]] = {
    "ok": {
        "et": "Liidestus töötab: kooli nimi ja EHISe kood on mõlemal pool samad.",
        "en": "The integration works: school name and EHIS code agree on both sides.",
    },
    # Working, though the two sides name the school differently ("Pk" and "Põhikool").
    "ok_names_differ": {
        "et": "Liidestus töötab: EHISe kood {opiq_code} on mõlemal pool sama. Nimed "
              "erinevad (Opiqus „{school}“, eKoolis „{ekool_name}“), kuid liidestust see ei "
              "sega.",
        "en": "The integration works: the EHIS code {opiq_code} is the same on both sides. "
              "The names differ (\"{school}\" in Opiq, \"{ekool_name}\" in eKool), which "
              "does not hinder the integration.",
    },
    "not_enabled": {
        "et": "EHISe koodid klapivad ({opiq_code}), aga liidestus on lubamata. Ava Opiqus "
              "Kooli seaded → Liidestused → eKool ja vajuta „Luba liidestus“ (või kasuta "
              "selle programmi nuppu „Luba liidestus“).",
        "en": "The EHIS codes agree ({opiq_code}) but the integration is not enabled. In "
              "Opiq open School settings → Integrations → eKool and press \"Luba liidestus\" "
              "(Enable integration), or use this program's Enable button.",
    },
    "missing_in_ekool": {
        "et": "eKoolis ei ole kooli „{ekool_name}“ profiilis EHISe koodi. Liidestuse lubamisel "
              "näitab Opiq siis teadet: «" + GUIDE_MESSAGE.replace("{code}", "{opiq_code}") +
              "» Paranda nii: eKooli kooliadministraator avab eKoolis ülemisest menüüst "
              "„+“ → „Profiil“ ja sisestab EHISe koodi {opiq_code}. Seejärel kontrolli uuesti "
              "(nupp „Kontrolli uuesti“ või käsk integration check).",
        "en": "The eKool school \"{ekool_name}\" has no EHIS code on its profile. Enabling the "
              "integration then fails in Opiq with «" +
              GUIDE_MESSAGE.replace("{code}", "{opiq_code}") + "» (\"School code {opiq_code} "
              "is missing from your eKool user data. Contact Opiq support.\") To fix it, an "
              "eKool school administrator opens the eKool top menu \"+\" → \"Profiil\" "
              "(Profile) and enters the EHIS code {opiq_code}. Then check again (the Check "
              "again button, or the integration check command).",
    },
    "mismatch": {
        "et": "EHISe koodid erinevad: Opiqus {opiq_code}, eKoolis {ekool_code} (tõenäoliselt "
              "sama kool: „{ekool_name}“). {official_et}Vale kood tuleb parandada: eKoolis "
              "kooli profiilis („+“ → „Profiil“), Opiqus Opiqu kasutajatoe kaudu.",
        "en": "The EHIS codes differ: {opiq_code} in Opiq, {ekool_code} in eKool (probably the "
              "same school: \"{ekool_name}\"). {official_en}Fix the wrong one: in eKool on the "
              "school profile (\"+\" → \"Profiil\"), in Opiq through Opiq's support.",
    },
    "not_found_in_ekool": {
        "et": "eKoolis ei leitud kooli EHISe koodiga {opiq_code} ega nimega „{school}“. "
              "Kontrolli, et eKooli on sisse logitud selle kooli kasutaja (mitte teise kooli "
              "oma) ja et kool kasutab eKooli; siis kontrolli uuesti.",
        "en": "No eKool school has the EHIS code {opiq_code} or the name \"{school}\". Check "
              "that the eKool sign-in is a user of this school (not of another school) and "
              "that the school uses eKool; then check again.",
    },
}


def advice_for(status: str, lang: str, facts: dict[str, str]) -> str:
    """The advice for a status, filled with the school's facts."""
    lang = lang if lang in ("et", "en") else "et"
    values = dict(facts)
    official = facts.get("official_code", "")
    if official:
        name = facts.get("official_name", "")
        values["official_et"] = (f"EHISe avaandmete järgi on ametlik kood {official}"
                                 f"{f' ({name})' if name else ''}. ")
        values["official_en"] = (f"EHIS's open data says the official code is {official}"
                                 f"{f' ({name})' if name else ''}. ")
    else:
        values["official_et"] = values["official_en"] = ""
    if status == "ok" and _differ(facts.get("school", ""), facts.get("ekool_name", "")):
        status = "ok_names_differ"
    return _ADVICE[status][lang].format(**values)


def _differ(a: str, b: str) -> bool:
    """Two names of a school that a reader would call different (not only by case or
    spacing)."""
    return bool(a and b) and " ".join(a.casefold().split()) != " ".join(b.casefold().split())
