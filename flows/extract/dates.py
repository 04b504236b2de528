"""Dates as texts write them: single days, month-years, years and day ranges, with or
without a year ("from 19 to 23 September", "June 11-15, 2007", "30 June to 2 July 2019")."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

MONTHS = {m.casefold(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], 1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
MON = r"(?P<{n}>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
DAY = r"(?P<{n}>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<{n}>(?:19|20)\d\d)"
DASH = r"\s*(?:-|–|—|to|until|till|and|through)\s*"


def _p(template: str) -> re.Pattern[str]:
    parts = {}
    for kind, pat in (("mon", MON), ("day", DAY), ("year", YEAR)):
        for i in (1, 2):
            parts[f"{kind}{i}"] = pat.format(n=f"{kind}{i}")
    return re.compile(template.format(**parts), re.IGNORECASE)


# Day ranges, most specific first.
RANGES = [
    _p(r"\b{day1}\s+{mon1}(?:\s+{year1})?{dash}{day2}\s+{mon2}(?:,?\s+{year2})?".replace("{dash}", DASH)),
    _p(r"\b{mon1}\s+{day1}(?:,?\s+{year1})?{dash}{mon2}\s+{day2}(?:,?\s+{year2})?\b".replace("{dash}", DASH)),
    _p(r"\b{day1}{dash}{day2}\s+{mon1}(?:,?\s+{year1})?".replace("{dash}", DASH)),
    _p(r"\b{mon1}\s+{day1}{dash}{day2}(?:,?\s+{year1})?\b".replace("{dash}", DASH)),
]
FULL = [
    _p(r"\b{day1}\s+{mon1},?\s+{year1}\b"),
    _p(r"\b{mon1}\s+{day1},\s+{year1}\b"),
    re.compile(r"\b(?P<year1>(?:19|20)\d\d)-(?P<mon1>[01]\d)-(?P<day1>[0-3]\d)\b"),
]
MONTH_YEAR = _p(r"\b{mon1},?\s+{year1}\b")
DAY_MONTH = [_p(r"\b(?:on\s+)?{day1}\s+{mon1}\b(?!,?\s+(?:19|20)\d\d)"), _p(r"\b{mon1}\s+{day1}\b(?!,?\s+(?:19|20)\d\d)(?!\d)")]
# every day range names a month and a day; a text with neither is not searched date pattern by date pattern
HAS_DAY = re.compile(r"\d")
HAS_MONTH = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE)
YEAR_RE = re.compile(r"(?<![\w-])((?:19|20)\d\d)(?!s|\d|-\d)")


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    value: str  # ISO at the precision found


def month_of(word: str) -> int | None:
    return MONTHS.get(word.rstrip(".").casefold()) or (int(word) if word.isdigit() else None)


def iso(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    if year is None:
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def valid_day(day: int, month: int | None) -> bool:
    return month is not None and 1 <= day <= 31


def full_dates(text: str) -> list[Found]:
    out: list[Found] = []
    if not HAS_DAY.search(text):
        return out
    for pat in FULL if HAS_MONTH.search(text) else FULL[-1:]:  # without a month's name only ISO dates
        for m in pat.finditer(text):
            mon, day = month_of(m.group("mon1")), int(m.group("day1"))
            if valid_day(day, mon):
                out.append(Found(m.start(), m.end(), iso(int(m.group("year1")), mon, day)))
    return sorted(out, key=lambda f: f.start)


def month_years(text: str) -> list[Found]:
    return [Found(m.start(), m.end(), iso(int(m.group("year1")), month_of(m.group("mon1"))))
            for m in MONTH_YEAR.finditer(text)]


def years(text: str) -> list[Found]:
    return [Found(m.start(), m.end(), m.group(1)) for m in YEAR_RE.finditer(text)]


@dataclass(frozen=True)
class Range:
    start: int
    end: int
    first: str | None
    last: str | None
    has_year: bool


def day_ranges(text: str, default_year: int | None) -> list[Range]:
    """Day ranges; a missing year is taken from ``default_year`` (the document's year)."""
    out: list[Range] = []
    if not HAS_DAY.search(text) or not HAS_MONTH.search(text):
        return out
    for pat in RANGES:
        for m in pat.finditer(text):
            if any(r.start <= m.start() < r.end for r in out):
                continue
            g = m.groupdict()
            mon2 = month_of(g["mon2"]) if g.get("mon2") else None
            mon1 = month_of(g["mon1"]) if g.get("mon1") else mon2
            mon2 = mon2 or mon1
            d1, d2 = int(g["day1"]), int(g["day2"])
            if not (valid_day(d1, mon1) and valid_day(d2, mon2)) or (mon1 == mon2 and d2 < d1):
                continue
            y2 = g.get("year2") or g.get("year1")
            y1 = g.get("year1") or y2
            year1 = int(y1) if y1 else default_year
            year2 = int(y2) if y2 else default_year
            if year1 is not None and year2 is not None and mon2 < mon1 and year1 == year2 and not g.get("year1"):
                year1 -= 1  # "28 December to 3 January 2019"
            out.append(Range(m.start(), m.end(), iso(year1, mon1, d1), iso(year2, mon2, d2), bool(y1 or y2)))
    return sorted(out, key=lambda r: r.start)


NUMERIC = re.compile(r"(?<![\d.:/-])(?P<a>\d{1,2})[./-](?P<b>\d{1,2})[./-](?P<y>(?:19|20)?\d\d)(?![\d.:/-])")
YEAR_FIRST = re.compile(r"(?<![\d.:/-])(?P<y>(?:19|20)\d\d)([./])(?P<m>\d{1,2})\2(?P<d>\d{1,2})(?![\d.:/-])")
MONTH_YEAR_LINE = _p(r"^\s*{mon1},?\s+{year1}\s*$")


def numeric_date(line: str, named: list[Found] = ()) -> str | None:
    """A numeric date ("25/06/2018", "04.09.16"): day and month are told apart when one of them
    is over 12, or when just one reading is a date the text names in words (a release dated on
    the last day of the visit it reports); otherwise only the year is certain, and only it is given."""
    if ymd := YEAR_FIRST.search(line):  # "2020/6/8": year, month, day, by the ISO and East Asian order
        y, mo, d = (int(ymd.group(k)) for k in ("y", "m", "d"))
        try:
            return datetime.date(y, mo, d).isoformat()
        except ValueError:
            return None  # "2020/13/40": no date
    m = NUMERIC.search(line)
    if not m:
        return None
    a, b, y = int(m.group("a")), int(m.group("b")), m.group("y")
    year = int(y) if len(y) == 4 else 2000 + int(y)
    if not (1 <= a <= 31 and 1 <= b <= 31) or year > 2100:
        return None
    if a > 12 and b <= 12:
        return iso(year, b, a)
    if b > 12 and a <= 12:
        return iso(year, a, b)
    readings = {iso(year, b, a), iso(year, a, b)}
    seen = readings & {f.value for f in named}
    return seen.pop() if len(seen) == 1 else iso(year)


def month_year_line(line: str) -> str | None:
    """"October 2016" alone on a line: a date at month precision."""
    m = MONTH_YEAR_LINE.match(line)
    return iso(int(m.group("year1")), month_of(m.group("mon1"))) if m else None


WEEKDAYS = {d: i for i, d in enumerate(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])}
WEEKDAY_DATE = [
    _p(r"\b(?P<wd>Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+{mon1}\s+{day1}\b(?!,?\s*(?:19|20)\d\d)(?!\d)"),
    _p(r"\b(?P<wd>Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+{day1}\s+{mon1}\b(?!,?\s*(?:19|20)\d\d)"),
]


def weekday_date(line: str, years_allowed: list[int]) -> str | None:
    """"Thursday, October 9" with no year: the one year among ``years_allowed`` in which that day
    is that weekday; none when no year, or more than one, fits."""
    for pat in WEEKDAY_DATE:
        m = pat.search(line)
        if not m:
            continue
        mon, day, wd = month_of(m.group("mon1")), int(m.group("day1")), WEEKDAYS.get(m.group("wd")[:3].casefold())
        fits = []
        for year in sorted(set(years_allowed)):
            try:
                if datetime.date(year, mon, day).weekday() == wd:
                    fits.append(year)
            except (ValueError, TypeError):
                continue
        return iso(fits[0], mon, day) if len(fits) == 1 else None
    return None
