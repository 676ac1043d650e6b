"""Account records: the input of the offline duplicate scan (interfaces.md §4).

A file that is wrong in one line must not be half-scanned: a scan that silently drops a
line could miss a duplicate or, worse, leave a namesake alone and so propose a wrong pair.
Every bad line therefore raises `RecordError` naming the file and the line, and nothing is
skipped except blank lines. Unknown fields are ignored so that exports from newer versions
(or with extra columns added by hand in a spreadsheet) still read.

Whatever a file holds, reading it ends in records or in one `RecordError`: a file with no
records at all, a line nested too deeply for the parser or with a number too long to
convert, and bytes that are not UTF-8 are all bad input, said in one line.
"""

from __future__ import annotations

import csv
import io
import json
import mmap
import os
import re
import stat
import sys
from collections import deque
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from functools import lru_cache
from itertools import filterfalse, repeat, starmap
from operator import add, attrgetter, itemgetter, methodcaller
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import msgspec

from opiq_admin.services.csvsafe import NotUtf8, decode_text, delimiter_of
from opiq_admin.services.gcpause import collect_young, quiet_gc
from opiq_admin.services.i18n import _

ROLES = ("student", "teacher", "admin")
_ROLE_SET = frozenset(ROLES)
_TEXT_OR_NULL = frozenset({str, type(None)})
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_TRUE = {"true", "1", "yes", "y", "jah"}
_FALSE = {"false", "0", "no", "n", "ei", ""}


_MESSAGE_LIMIT = 300


class RecordError(ValueError):
    """A bad input line; `str()` reads `FILE:LINE: what is wrong`, or `FILE: what is wrong`
    (line 0) when the fault is the whole file's."""

    def __init__(self, path: str, line: int, message: str) -> None:
        if len(message) > _MESSAGE_LIMIT:  # a quoted value may be megabytes long
            message = message[:_MESSAGE_LIMIT] + "…"
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
        self.path = path
        self.line = line
        self.message = message


if TYPE_CHECKING:
    _Roles = tuple[str, ...]
else:
    # Where a JSON Lines file is decoded straight into records, msgspec refuses any other
    # role in C. Type checkers see text: every other maker of a record passes checked roles.
    _Roles = tuple[Literal["student", "teacher", "admin"], ...]
# Text that is never empty: the readers keep an empty e-mail, eKool id or id code as None.
_Filled = Annotated[str, msgspec.Meta(min_length=1)]


class AccountRecord(msgspec.Struct, frozen=True, gc=False, forbid_unknown_fields=True):
    """One Opiq account at one school. An account in two schools is two records.

    A msgspec struct rather than a dataclass: a national file is a quarter of a million of
    them, and a frozen dataclass's constructor costs as much as decoding the whole file.
    Its fields are text only, so it never takes part in a reference cycle and the cyclic
    collector need not track it (`gc=False`).

    The field types say what the readers make of a record, so that msgspec can decode the
    usual line of a JSON Lines file straight into one. A line it refuses (an empty e-mail,
    a null school) is read by the full checks instead, which normalise it. Unknown fields
    are refused here only so that they are seen: msgspec skips their values without some
    of json's checks, so a line with one is decoded apart (`_WithExtraFields`).
    """

    id: _Filled
    first_name: str
    last_name: str
    email: _Filled | None = None
    id_code: _Filled | None = None
    birth_date: str | None = None
    ekool_id: _Filled | None = None
    roles: _Roles = ()
    created_at: str = ""
    has_license: bool = False
    school: str = ""
    journals: tuple[str, ...] = ()

    @property
    def linked(self) -> bool:
        return self.ekool_id is not None

    def to_dict(self) -> dict[str, Any]:
        data = msgspec.structs.asdict(self)
        data["roles"] = list(self.roles)
        data["journals"] = list(self.journals)
        return data


def _text(value: Any, name: str, *, required: bool = False) -> str | None:
    if type(value) is str:
        return value
    if value is None:
        if required:
            raise ValueError(_("field {name!r} is required").format(name=name))
        return None
    if not isinstance(value, str):
        raise ValueError(_("field {name!r} must be a string, not {kind}").format(
                             name=name, kind=type(value).__name__))
    return value


def _strings(value: Any, name: str) -> tuple[str, ...]:
    if not value:
        if value is None or value == []:
            return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(_("field {name!r} must be a list of strings").format(name=name))
    return tuple(value)


@lru_cache(maxsize=65_536)
def _is_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _check_date(value: str) -> None:
    if not _is_date(value):
        raise ValueError(_("birth_date {value!r} is not a YYYY-MM-DD date").format(value=value))


def _is_moment(value: str) -> bool:
    try:
        datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)
    except ValueError:
        return False
    return True


def _check_moment(value: str) -> None:
    if not _is_moment(value):
        raise ValueError(_("created_at {value!r} is not an ISO 8601 date-time").format(
                             value=value))


def _check_roles(roles: tuple[str, ...]) -> None:
    for role in roles:
        if role not in ROLES:
            raise ValueError(_("unknown role {role!r} (expected one of {value})").format(
                                 role=role, value=', '.join(ROLES)))


def record_from_mapping(data: Mapping[str, Any]) -> AccountRecord:
    """Check one record's fields and build it; raises ValueError saying which field is bad.

    Shared by both file formats and usable on live data that arrives as JSON objects.
    """
    record = _plain_record(data) if type(data) is dict else None
    return record if record is not None else _checked_record(data)


def _plain_record(data: dict[str, Any]) -> AccountRecord | None:
    """The record when every field has its usual type and form, else None.

    Nearly every line of an export is like that, and testing it in one expression costs a
    fraction of the field-by-field checks of `_checked_record`, which then run only for the
    unusual rest: to accept it, or to say exactly what is wrong. Whatever this accepts,
    those checks accept too and build into the same record.
    """
    get = data.get
    account_id, first, last = get("id"), get("first_name"), get("last_name")
    email, code, birth = get("email"), get("id_code"), get("birth_date")
    ekool, created, school = get("ekool_id"), get("created_at"), get("school")
    roles, journals, licence = get("roles"), get("journals"), get("has_license")
    if not (type(account_id) is str and type(first) is str and type(last) is str
            and account_id.strip()
            and type(email) in _TEXT_OR_NULL and type(code) in _TEXT_OR_NULL
            and type(ekool) in _TEXT_OR_NULL and type(school) in _TEXT_OR_NULL
            and (birth is None or (type(birth) is str and _is_date(birth)))
            and (created is None or (type(created) is str
                                     and (not created or _is_moment(created))))
            and (licence is None or licence is True or licence is False)
            and (roles is None or (type(roles) is list
                                   and all(type(r) is str and r in _ROLE_SET for r in roles)))
            and (journals is None or (type(journals) is list
                                      and all(type(j) is str for j in journals)))):
        return None
    # Positional: keywords cost a quarter of building a frozen record.
    return AccountRecord(account_id, first, last, email or None,
                         (code.strip() or None) if code else None, birth, ekool or None,
                         tuple(roles) if roles else (), created or "", licence is True,
                         school or "", tuple(journals) if journals else ())


def _checked_record(data: Mapping[str, Any]) -> AccountRecord:
    if not isinstance(data, Mapping):
        raise ValueError(_("a record must be a JSON object"))
    get = data.get
    account_id = _text(get("id"), "id", required=True)
    if not account_id or not account_id.strip():
        raise ValueError(_("field 'id' must not be empty"))
    first = _text(get("first_name"), "first_name", required=True)
    last = _text(get("last_name"), "last_name", required=True)
    roles = _strings(get("roles"), "roles")
    _check_roles(roles)
    birth = _text(get("birth_date"), "birth_date")
    if birth is not None:
        _check_date(birth)
    created = _text(get("created_at"), "created_at") or ""
    if created:
        _check_moment(created)
    licence = get("has_license", False)
    if licence is None:
        licence = False
    if licence is not True and licence is not False:
        raise ValueError(_("field 'has_license' must be true or false"))
    code = _text(get("id_code"), "id_code")
    return AccountRecord(
        id=account_id,
        first_name=first or "",
        last_name=last or "",
        email=_text(get("email"), "email") or None,
        id_code=(code.strip() or None) if code else None,
        birth_date=birth,
        ekool_id=_text(get("ekool_id"), "ekool_id") or None,
        roles=roles,
        created_at=created,
        has_license=licence,
        school=_text(get("school"), "school") or "",
        journals=_strings(get("journals"), "journals"),
    )


def _decode(raw: bytes, path: str) -> str:
    try:
        return decode_text(raw)
    except NotUtf8 as exc:
        raise RecordError(path, exc.line, str(exc)) from None


def json_problem(exc: ValueError | RecursionError) -> str:
    """What is wrong with a JSON text that `json.loads` refused, in words."""
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON ({exc.msg})"
    if isinstance(exc, RecursionError):
        return "not readable JSON (nested too deeply)"
    if isinstance(exc, UnicodeError):
        return "not valid UTF-8 text"
    # The only other refusal: an integer beyond Python's int-from-text limit.
    return f"not readable JSON (a number longer than {sys.get_int_max_str_digits()} digits)"


_scan_json = json.JSONDecoder().raw_decode


def _iter_jsonl(text: str, path: str) -> Iterator[AccountRecord]:
    # Only "\n" ends a line (and "\r\n"): `str.splitlines` would also split at U+2028,
    # U+0085 and the like, which JSON allows inside a string, and so shift line numbers.
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    found = False
    for number, line in enumerate(text.split("\n"), start=1):
        # The decoder's own entry point skips `json.loads`'s wrapping for the usual line
        # that is one JSON value and nothing else; any other line (blank, padded, bad)
        # goes through `json.loads`, which also words the complaint.
        try:
            data, end = _scan_json(line)
        except (ValueError, RecursionError):
            end = -1
        if end != len(line):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except (ValueError, RecursionError) as exc:
                raise RecordError(path, number, json_problem(exc)) from None
        try:
            record = record_from_mapping(data)
        except ValueError as exc:
            raise RecordError(path, number, str(exc)) from None
        found = True
        yield record
    if not found:
        raise RecordError(path, 0, _("no account records"))


class _WithExtraFields(AccountRecord, frozen=True, forbid_unknown_fields=False):
    """A record's fields read as AccountRecord reads them, other fields skipped."""


_DECODER = msgspec.json.Decoder(AccountRecord)
_DECODE_RECORD = _DECODER.decode
_DECODE_WITH_EXTRA_FIELDS = msgspec.json.Decoder(_WithExtraFields).decode_lines
_AS_TUPLE = msgspec.structs.astuple
# A line shorter than this holds no nesting too deep for json (nor, unless Python's limit
# on the digits of an integer is set lower, a number too long for it).
_SHORT_LINE = 1024
# What msgspec raises for a line it does not take as it is.
_NOT_QUICK = (msgspec.DecodeError, RecursionError, ValueError)
# Two records on one line: nothing but spaces between one's end and the next one's start.
_GLUED = re.compile(rb"\}[ \t\r]*\{")
# A newline that does not end a record: a blank line, or a record over two lines.
_LOOSE_NEWLINE = re.compile(rb"\n(?<!\}\n)(?<!\}\r\n)")
_ID, _ID_CODE, _BIRTH_DATE, _CREATED_AT = (
    attrgetter(name) for name in ("id", "id_code", "birth_date", "created_at"))
_ALL_BUT_LAST = itemgetter(slice(None, -1))
_ZULU = methodcaller("endswith", "Z")
_DATES = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:\n[0-9]{4}-[0-9]{2}-[0-9]{2})*")
# json refuses deep nesting at a depth that depends on how deep the stack already is.
_NESTING_LIMIT = 100
_BOM = b"\xef\xbb\xbf"
# A quarter of a MiB of lines: about a thousand records, which stay in the cache.
_CHUNK = 1 << 18


def _mapped(path: str | Path) -> mmap.mmap | None:
    """The file mapped into memory, which spares copying a national file, or None when
    it is not a plain file that maps (empty, a pipe, a folder, locked): then it is read."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as file:
            return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None


def _fast_jsonl(raw: bytes | mmap.mmap) -> list[AccountRecord] | None:
    """Every record of a file whose lines the line-by-line reader would accept, as it
    would make them, or None to let that reader read it (and name the line that is wrong).

    msgspec decodes the lines straight into records and checks in C what it can (types,
    roles, no empty text where a record keeps None); what it cannot (impossible dates,
    blank ids, padded id codes) is checked per column at C speed. The file is taken a
    chunk of lines at a time, so that a chunk's records are still in the processor's
    cache when they are checked, and so that a chunk with an unusual line in it is the
    only one decoded line by line.
    """
    records: list[AccountRecord] = []
    births: set[str | None] = set()  # checked at the end, each distinct one once
    start = 3 if raw[:3] == _BOM else 0
    with memoryview(raw) as view:
        while start < len(raw):
            end = raw.find(b"\n", start + _CHUNK) + 1 or len(raw)
            with view[start:end] as chunk:
                found = _chunk_records(chunk, births)
                collect_young()
            if found is None:
                return None
            records += found
            start = end
    if not records or not _all_dates([birth for birth in births if birth is not None]):
        return None
    if len(records) == 1 and raw.find(b'"accounts"') >= 0:
        return None  # maybe `accounts list --json`'s document, on one line
    return records


def _chunk_records(chunk: memoryview, births: set[str | None]) -> list[AccountRecord] | None:
    try:
        records: list[AccountRecord] | None = _DECODER.decode_lines(chunk)
    except _NOT_QUICK:
        records = _with_extra_fields(chunk)
    # A record holds no object, so a "}" right before a newline ends one: when every
    # newline follows a "}" and every "}" is followed by a newline before the next "{",
    # each line holds one record.
    if records is None or _LOOSE_NEWLINE.search(chunk) or _GLUED.search(chunk):
        # Lines not all plain: each one alone, msgspec first, then the full checks.
        records = _line_by_line(chunk.tobytes().split(b"\n"))
    return None if records is None else _settled(records, births)


def _with_extra_fields(chunk: memoryview) -> list[AccountRecord] | None:
    """The records of a chunk whose lines have fields besides a record's (an export from
    a newer version, a column added by hand), or None.

    msgspec skips an unknown field's value without some of json's checks, so the chunk is
    taken only when json could not refuse those values either: all of it UTF-8, and every
    line too short for a number longer than json converts or nesting deeper than it reads.
    """
    data = chunk.tobytes()
    if max(map(len, data.split(b"\n"))) >= min(_SHORT_LINE,
                                               sys.get_int_max_str_digits() or _SHORT_LINE):
        return None
    try:
        data.decode("utf-8")
        found = _DECODE_WITH_EXTRA_FIELDS(data)
    except _NOT_QUICK:
        return None
    return list(starmap(AccountRecord, map(_AS_TUPLE, found)))


def _line_by_line(lines: list[bytes]) -> list[AccountRecord] | None:
    records: list[AccountRecord] = []
    append = records.append
    for line in lines:
        try:
            append(_DECODE_RECORD(line))
        except _NOT_QUICK:
            if not line.strip():  # blank in bytes is blank in text too
                continue
            record = _unusual_record(line)
            if record is None:
                return None
            append(record)
    return records


def _unusual_record(line: bytes) -> AccountRecord | None:
    """The record the line-by-line reader makes of a line msgspec refused, or None when
    that reader might refuse it: then the whole file is left to it, for its exact words
    (an undecodable byte anywhere in a file is reported before any bad line)."""
    if line.count(b"[") + line.count(b"{") > _NESTING_LIMIT:
        return None
    try:
        return record_from_mapping(json.loads(line.decode("utf-8")))
    except (ValueError, RecursionError):
        return None


def _settled(records: list[AccountRecord],
             births: set[str | None]) -> list[AccountRecord] | None:
    """The records as the line-by-line reader makes them, or None when it would refuse
    one of them: what msgspec cannot check is checked here, a column at a time at C
    speed; their birth dates are added to `births`, to be checked once for the file."""
    if any(map(str.isspace, map(_ID, records))):
        return None
    joined = "".join(filter(None, map(_ID_CODE, records)))
    if joined.split(None, 1) != [joined]:  # white space in an id code: around one?
        codes = list(filter(None, map(_ID_CODE, records)))
        if list(map(str.strip, codes)) != codes:
            replace = msgspec.structs.replace
            records = [replace(record, id_code=record.id_code.strip() or None)
                       if record.id_code and record.id_code != record.id_code.strip()
                       else record for record in records]
    births |= set(map(_BIRTH_DATE, records))  # the chunk's few first, in the cache
    return records if _all_moments(records) else None


def _all_dates(values: list[str]) -> bool:
    """`_is_date` of every value; at C speed when each is four, two and two ASCII digits."""
    joined = "\n".join(values)
    if joined.count("\n") != len(values) - 1 or not _DATES.fullmatch(joined):
        return all(map(_is_date, values))
    try:
        deque(map(date.fromisoformat, values), maxlen=0)
    except ValueError:
        return False
    return True


def _all_moments(records: list[AccountRecord]) -> bool:
    """`_is_moment` of every record's `created_at` that is not empty, at C speed."""
    moments = list(filter(None, map(_CREATED_AT, records)))
    zulus: list[str] = []
    if "Z" in "".join(moments):
        zulus = list(filter(_ZULU, moments))
        moments = list(filterfalse(_ZULU, moments))
    try:
        deque(map(datetime.fromisoformat, moments), maxlen=0)
        deque(map(datetime.fromisoformat,
                  map(add, map(_ALL_BUT_LAST, zulus), repeat("+00:00"))), maxlen=0)
    except ValueError:
        return False
    return True


_CSV_LISTS = ("roles", "journals")
_CSV_NULLABLE = ("email", "id_code", "birth_date", "ekool_id", "created_at", "school")


def _csv_row(row: dict[str, str | None]) -> dict[str, Any]:
    data: dict[str, Any] = dict(row)
    for name in _CSV_LISTS:
        cell = (data.get(name) or "").strip()
        data[name] = [part.strip() for part in cell.split(";") if part.strip()]
    for name in _CSV_NULLABLE:
        if not (data.get(name) or "").strip():
            data[name] = None
    cell = (data.get("has_license") or "").strip().lower()
    if cell in _TRUE:
        data["has_license"] = True
    elif cell in _FALSE:
        data["has_license"] = False
    else:
        raise ValueError(_("has_license {cell!r} is not true or false").format(cell=cell))
    return data


def _iter_csv(text: str, path: str) -> Iterator[AccountRecord]:
    delimiter = delimiter_of(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise RecordError(path, 0, _("no account records")) from None
    except csv.Error as exc:
        raise RecordError(path, 1, _("bad CSV header ({exc})").format(exc=exc)) from None
    header = [name.strip() for name in header]
    for required in ("id", "first_name", "last_name"):
        if required not in header:
            raise RecordError(path, 1, _("CSV header lacks the column {required!r}").format(
                                           required=required))
    found = False
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            if not found:
                raise RecordError(path, 0, _("no account records")) from None
            return
        except csv.Error as exc:
            raise RecordError(path, start, _("bad CSV ({exc})").format(exc=exc)) from None
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise RecordError(path, start,
                              _("{n_cells} cells where the header has {n_header}").format(
                                  n_cells=len(cells), n_header=len(header)))
        try:
            record = record_from_mapping(_csv_row(dict(zip(header, cells, strict=True))))
        except ValueError as exc:
            raise RecordError(path, start, str(exc)) from None
        found = True
        yield record


def iter_records(path: str | Path) -> Iterator[AccountRecord]:
    """Records of a `.csv` file, or of JSON Lines for any other name."""
    return iter(_records(path))


def _records(path: str | Path) -> list[AccountRecord] | Iterator[AccountRecord]:
    where = str(path)
    csv_file = Path(path).suffix.lower() == ".csv"
    mapped = None if csv_file else _mapped(path)
    if mapped is not None:
        with mapped:
            fast = _fast_jsonl(mapped)
        if fast is not None:
            return fast
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise RecordError(where, 0, _("cannot read the file ({strerror})").format(
                                        strerror=exc.strerror)) from None
    if not csv_file and mapped is None:
        fast = _fast_jsonl(raw)
        if fast is not None:
            return fast
    text = _decode(raw, where)
    if csv_file:
        return _iter_csv(text, where)
    listed = _accounts_document(text)
    if listed is not None:
        return _iter_listed(listed, where)
    return _iter_jsonl(text, where)


def _accounts_document(text: str) -> list[Any] | None:
    """The accounts of `accounts list --json`'s document ({"accounts": [...], ...}), or
    None for anything else (JSON Lines: one record a line)."""
    if not text.lstrip().startswith("{") or '"accounts"' not in text[:4096]:
        return None
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        return None  # more than one JSON value: JSON Lines
    accounts = document.get("accounts") if isinstance(document, dict) else None
    return accounts if isinstance(accounts, list) else None


def _iter_listed(accounts: list[Any], path: str) -> Iterator[AccountRecord]:
    if not accounts:
        raise RecordError(path, 0, "no account records")
    for number, data in enumerate(accounts, start=1):
        try:
            if not isinstance(data, dict):
                raise ValueError("an account must be a JSON object")
            yield record_from_mapping(data)
        except ValueError as exc:
            raise RecordError(path, 0, f"account {number} of \"accounts\": {exc}") from None


def read_records(path: str | Path) -> list[AccountRecord]:
    with quiet_gc():
        found = _records(path)
        return found if isinstance(found, list) else list(found)
