"""State shared by the parts of the seed generator: one random stream, id counters, names.

Everything random comes from the one `random.Random(seed)` held here, drawn in a fixed
order, so the same arguments always give the same world; nothing reads the wall clock.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from opiq_admin.sandbox.idcodes import IdCodes
from opiq_admin.sandbox.model import EkoolPerson, World
from opiq_admin.sandbox.names import (
    EMAIL_DOMAINS,
    FEMALE,
    MALE,
    RUSSIAN_FEMALE,
    RUSSIAN_MALE,
    RUSSIAN_SURNAMES,
    SURNAMES,
    email_local,
)
from opiq_admin.sandbox.spelling import NameInfo

CLOCK = datetime.datetime(2026, 11, 20, 8, 0, tzinfo=datetime.UTC)
SCHOOL_YEAR = 2026  # the school year 2026/27 began on 1 September 2026
EKOOL_SYNCED = "2026-08-28T06:00:00+00:00"


def iso(moment: datetime.datetime) -> str:
    return moment.isoformat(timespec="seconds")


@dataclass
class Context:
    seed: int
    rng: random.Random = field(init=False)
    world: World = field(init=False)
    codes: IdCodes = field(init=False)
    # eKool person id → register name and its other spellings (not part of the World)
    names: dict[str, NameInfo] = field(default_factory=dict)
    used_emails: set[str] = field(default_factory=set)
    used_usernames: set[str] = field(default_factory=set)
    counters: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.world = World(seed=self.seed, clock=iso(CLOCK))
        self.codes = IdCodes(self.rng)

    def new_id(self, prefix: str) -> str:
        n = self.counters.get(prefix, 0) + 1
        self.counters[prefix] = n
        return f"{prefix}-{n}"

    def moment(self, start: datetime.date, end: datetime.date) -> str:
        """A time of day on a day in [start, end], in office hours, as ISO 8601 UTC."""
        days = max((end - start).days, 0)
        day = start + datetime.timedelta(days=self.rng.randint(0, days))
        return iso(datetime.datetime(day.year, day.month, day.day, self.rng.randint(5, 17),
                                     self.rng.randrange(60), self.rng.randrange(60),
                                     tzinfo=datetime.UTC))

    def day_between(self, start: datetime.date, end: datetime.date) -> datetime.date:
        return start + datetime.timedelta(days=self.rng.randint(0, (end - start).days))

    def unique_address(self, address: str) -> str:
        local, _, domain = address.partition("@")
        return self.unique_email(local, domain)

    def unique_email(self, local: str, domain: str) -> str:
        address = f"{local}@{domain}"
        n = 1
        while address in self.used_emails:
            n += 1
            address = f"{local}{n}@{domain}"
        self.used_emails.add(address)
        return address

    def unique_username(self, name: NameInfo) -> str:
        base = f"{email_local(name.given)}.{email_local(name.family)}"
        username, n = base, 1
        while username in self.used_usernames:
            n += 1
            username = f"{base}{n}"
        self.used_usernames.add(username)
        return username

    # --- names -------------------------------------------------------------------------

    def draw_name(self, sex: str, russian: bool) -> NameInfo:
        rng = self.rng
        if russian:
            given = rng.choice(RUSSIAN_MALE if sex == "M" else RUSSIAN_FEMALE)
            family = rng.choice(RUSSIAN_SURNAMES)
            end, cyr_end = ("a", "а") if sex == "F" else ("", "")
            return NameInfo(given[0], family[0] + end, sex, True, given[1], family[1] + end,
                            given[2], family[2] + cyr_end)
        given_name = rng.choice(MALE if sex == "M" else FEMALE)
        family_name = rng.choice(SURNAMES)
        if rng.random() < 0.04:
            other = rng.choice(SURNAMES)
            if other != family_name:
                family_name = f"{family_name}-{other}"
        return NameInfo(given_name, family_name, sex)

    def relative(self, of: NameInfo, sex: str, avoid: str = "") -> NameInfo:
        """A sibling's or twin's name: the family name (in the right form), a new given name."""
        for _ in range(20):
            fresh = self.draw_name(sex, of.russian)
            if fresh.given != of.given and fresh.given != avoid:
                break
        if not of.russian:
            return NameInfo(fresh.given, of.family, sex)
        return NameInfo(fresh.given, _form(of.family, sex), sex, True, fresh.given_en,
                        _form(of.family_en, sex), fresh.given_cyr, _form(of.family_cyr, sex))

    # --- people ------------------------------------------------------------------------

    def person(self, name: NameInfo, born: datetime.date, roles: dict[str, str],
               email: str = "", twin_of: str = "") -> EkoolPerson:
        """An eKool person with an ID code that agrees with `born` and `name.sex`."""
        roll = self.rng.random()
        country = "EE"
        if twin_of:
            code = self.codes.estonian(name.sex, born, after=twin_of)
        elif roll < 0.01:
            code, country = self.codes.latvian(born), "LV"
        elif roll < 0.016:
            code, country = self.codes.finnish(born), "FI"
        elif roll < 0.019:
            code, country = "", ""
        else:
            code = self.codes.estonian(name.sex, born)
        pid = self.new_id("ek-usr")
        person = EkoolPerson(id=pid, given_name=name.given, family_name=name.family,
                             email=email, id_code=code, id_country=country,
                             birth_date=born.isoformat(), roles=roles,
                             date_last_modified=EKOOL_SYNCED)
        self.world.ekool_people[pid] = person
        self.names[pid] = name
        return person

    def student_email(self, name: NameInfo, school_domain: str) -> str:
        """Young pupils often have none in eKool; older ones a school or a private address."""
        roll = self.rng.random()
        local = f"{email_local(name.given)}.{email_local(name.family)}"
        if roll < 0.3:
            return ""
        if roll < 0.55:
            return self.unique_email(local, school_domain)
        return self.unique_email(local, self.rng.choice(EMAIL_DOMAINS))


def _form(family: str, sex: str) -> str:
    """The male or female form of a Russian surname: Kuznetsov ↔ Kuznetsova."""
    if not family:
        return family
    male = family[:-1] if family.endswith(("a", "а")) else family
    if sex == "M":
        return male
    return male + ("a" if male[-1:].isascii() else "а")
