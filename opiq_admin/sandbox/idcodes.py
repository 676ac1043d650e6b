"""Personal ID codes for seeded people: Estonian isikukood, and now and then a Latvian or
Finnish one, each with a correct check character and a birth date that agrees with the
person's, so that a matcher may trust (or check) what a code says.
"""

from __future__ import annotations

import datetime
import random

from stdnum.ee import ik
from stdnum.lv import pvn

_HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


class IdCodes:
    """Hands out codes that are never given twice, whatever the seed or the size."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[str] = set()

    def estonian(self, sex: str, born: datetime.date, after: str = "") -> str:
        """An isikukood: sex and century digit, YYMMDD, a serial and the check digit.

        `after` asks for the next free serial after another code's, as twins get.
        """
        century_base = {1800: 1, 1900: 3, 2000: 5}[born.year // 100 * 100]
        first = century_base + (1 if sex == "F" else 0)
        stem = f"{first}{born:%y%m%d}"
        serial = int(after[7:10]) + 1 if after else self._rng.randrange(0, 900)
        for _ in range(1000):
            body = f"{stem}{serial % 1000:03d}"
            code = body + ik.calc_check_digit(body + "0")
            if code not in self._used:
                self._used.add(code)
                return code
            serial = serial + 1 if after else self._rng.randrange(0, 1000)
        raise RuntimeError(f"no free personal ID code for {born}")  # pragma: no cover

    def latvian(self, born: datetime.date) -> str:
        """A Latvian personas kods in the dated form DDMMYY-CNNNK (C: 1 = 1900s, 2 = 2000s)."""
        century = {1800: 0, 1900: 1, 2000: 2}[born.year // 100 * 100]
        while True:
            body = f"{born:%d%m%y}{century}{self._rng.randrange(0, 1000):03d}"
            code = f"{body[:6]}-{body[6:]}{pvn.calc_check_digit_pers(body)}"
            if code not in self._used:
                self._used.add(code)
                return code

    def finnish(self, born: datetime.date) -> str:
        """A Finnish henkilötunnus: DDMMYY, the century sign, an individual number, a check."""
        sign = "A" if born.year >= 2000 else "-"
        while True:
            individual = self._rng.randrange(2, 900)
            digits = f"{born:%d%m%y}{individual:03d}"
            code = f"{born:%d%m%y}{sign}{individual:03d}{_HETU_CHECK[int(digits) % 31]}"
            if code not in self._used:
                self._used.add(code)
                return code


def birth_date_of(code: str) -> datetime.date:
    """The birth date an Estonian code encodes (for checks and tests)."""
    return ik.get_birth_date(code)
