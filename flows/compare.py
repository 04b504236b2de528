"""Compare: positions and delegations across years, with pandas.

DataFrames live only here. The stage returns a :class:`~flows.models.Comparison` of typed
records (what the briefing shows; findings are structured, their wording is in the templates)
and the comparison tables as CSV text (what the edition archives). Facts are identified by
``fact_id`` (what they are about), never by their place in a list.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import pandas as pd

from .models import (
    INVISIBLE, STANCE_ORDER, Cell, Comparison, DelegationsFinding, Facts, Focus, MatrixRow, MixedFinding, Overview, PartnerCount,
    PartnersFinding, Run, Salience, ShiftFinding, SingleSourceFinding, ThreatFinding, Trend, VisitSummary,
)

STANCE_RANK = {s: len(STANCE_ORDER) - 1 - i for i, s in enumerate(STANCE_ORDER)}
CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
UNDATED = "undated"
COLUMNS = ["id", "document_id", "holder", "target", "stance", "horizon", "year", "quote", "rank"]


def positions_frame(facts: Facts) -> pd.DataFrame:
    rows = [{"id": p.fact_id, "document_id": p.document_id, "holder": p.holder, "target": p.target,
             "stance": p.stance, "horizon": p.horizon, "year": p.year, "quote": p.shown_quote,
             "rank": STANCE_RANK[p.stance]} for p in facts.positions]
    df = pd.DataFrame(rows, columns=COLUMNS)
    df["year"] = df["year"].astype("Int64")  # nullable: undated sources keep their positions
    return df




def safe_cell(value: object) -> object:
    """Neutralise spreadsheet formulas (OWASP CSV injection) with a leading quote, and drop bidi
    controls and zero-width characters, which would reorder or hide what a reader sees."""
    if isinstance(value, str):
        value = value.translate(INVISIBLE)
        if value.startswith(CSV_TRIGGERS):
            return "'" + value
    return value


def to_csv(df: pd.DataFrame) -> str:
    buf = io.StringIO()
    df.map(safe_cell).to_csv(buf, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    return buf.getvalue()


def periods(years: list[int], most: int = 8) -> dict[int, str]:
    """Each year's column label: the year itself, or a span of years when there are more than ``most``."""
    if len(years) <= most:
        return {y: str(y) for y in years}
    width = -(-(years[-1] - years[0] + 1) // most)
    label = {}
    for y in years:
        a = years[0] + (y - years[0]) // width * width
        label[y] = f"{a}–{min(a + width - 1, years[-1])}"
    return label


def _cell(sub: pd.DataFrame) -> Cell | None:
    if sub.empty:
        return None
    sub = sub.sort_values(["rank", "id"], ascending=[False, True])
    horizons = [h for h in sub.horizon if isinstance(h, str)]
    return Cell(stances=tuple(dict.fromkeys(sub.stance)), horizon=horizons[0] if horizons else None,
                cites=tuple(sub.id), sources=sub.document_id.nunique())


def _matrix(df: pd.DataFrame, columns: list[str], targets: list[str]) -> tuple[list[MatrixRow], list[Cell | None]]:
    rows, undated = [], []
    for target in targets:
        mine = df[df.target == target]
        rows.append(MatrixRow(target=target, cells=tuple(_cell(mine[mine.period == c]) for c in columns)))
        undated.append(_cell(mine[mine.period == UNDATED]))
    return rows, undated


def _trend(df: pd.DataFrame, actor: str, years: list[int]) -> Trend:
    sub = df[df.target == actor]
    dated = sub[sub.year.notna()]
    by_year = dated.groupby("year")["rank"].max()
    runs: list[tuple[str, list[int]]] = []  # consecutive years with the same strongest stance
    for year, rank in by_year.items():
        stance = next(s for s, r in STANCE_RANK.items() if r == rank)
        if runs and runs[-1][0] == stance:
            runs[-1][1].append(int(year))
        else:
            runs.append((stance, [int(year)]))
    # The quote to show: the strongest stance, the latest dated source first (the extractor
    # already chose evidence that names the target).
    strongest = sub.assign(y=sub.year.fillna(-1)).sort_values(["rank", "y", "id"], ascending=[False, False, True]).iloc[0]
    return Trend(actor=actor, runs=tuple(Run(stance=s, years=tuple(y)) for s, y in runs),
                 absent=tuple(y for y in years if y not in by_year.index), positions=len(sub),
                 sources=int(sub.document_id.nunique()), undated=int(sub.year.isna().sum()),
                 quote=strongest.quote, cite=strongest.id)


def _visit(d, df: pd.DataFrame) -> VisitSummary:
    # bodies as written, acronyms with their names: a reader meets them spelled out
    return VisitSummary(year=(d.start_date or "")[:4] or None, bodies=tuple(d.bodies),
                        members=d.members, member_countries=d.member_countries, interlocutors=len(d.interlocutors),
                        agenda=int(df[df.document_id == d.document_id].target.nunique()))


def _findings(df: pd.DataFrame, facts: Facts, years: list[int], focus: str | None) -> list:
    out: list = [Overview(sources=len(facts.documents), first_year=years[0] if years else None,
                          last_year=years[-1] if years else None, positions=len(df), actors=int(df.target.nunique()),
                          delegations=len(facts.delegations), events=len(facts.events),
                          undated_sources=sum(d.date is None for d in facts.documents))]
    dated = df[df.year.notna()]
    threats = dated[dated.stance == "threat"]
    order = threats.groupby("target").year.nunique().sort_values(ascending=False, kind="stable").index
    for target in order:
        grp = threats[threats.target == target]
        imm = grp[grp.horizon == "immediate"]
        out.append(ThreatFinding(actor=target, holders=tuple(sorted(grp.holder.unique())),
                                 years=tuple(sorted(int(y) for y in grp.year.unique())), of_years=len(years),
                                 immediate_sources=int(imm.document_id.nunique()),
                                 cites=tuple(grp.sort_values(["year", "id"]).id[:4])))
    # partners of the focus: its own positions (everyone's when it holds none)
    own = dated[dated.holder == focus] if focus and (dated.holder == focus).any() else dated
    partners = own[own.stance == "partner"].groupby("target").year.nunique().sort_values(ascending=False, kind="stable")
    if len(partners):
        top = list(partners.index[:3])
        sub = own[(own.stance == "partner") & own.target.isin(top)]
        out.append(PartnersFinding(focus=focus, partners=tuple(PartnerCount(actor=t, years=int(partners[t])) for t in top),
                                   of_years=len(years), cites=tuple(sub.id[:4])))
    mixed = df.groupby("target").stance.agg(lambda s: min((s == "partner").sum(), (s == "concern").sum()) + len(s) / 1000)
    for target in [t for t, n in mixed.sort_values(ascending=False, kind="stable").items() if n >= 1][:1]:
        sub = df[df.target == target]
        out.append(MixedFinding(actor=target, cites=tuple(sub.sort_values(["rank", "id"], ascending=[False, True]).id[:3])))
    if len(years) >= 2:
        first, last = set(dated[dated.year == years[0]].target), set(dated[dated.year == years[-1]].target)
        new, gone = sorted(last - first), sorted(first - last)
        if new or gone:
            sub = dated[(dated.year == years[-1]) & dated.target.isin(new)]
            out.append(ShiftFinding(first_year=years[0], last_year=years[-1], entering=tuple(new), leaving=tuple(gone),
                                    cites=tuple(sub.id[:3])))
    if len(facts.delegations) >= 2:
        ds = sorted(facts.delegations, key=lambda d: (d.start_date or "", d.fact_id))
        out.append(DelegationsFinding(first=_visit(ds[0], df), last=_visit(ds[-1], df),
                                      cites=(ds[0].fact_id, ds[-1].fact_id)))
    single = dated.groupby(["target", "year"]).document_id.nunique()
    if len(single):
        out.append(SingleSourceFinding(single=int((single == 1).sum()), total=len(single)))
    return out[:8]


class FocusError(ValueError):
    """A focus the corpus never names; the message lists the actors it does name."""


def _plain_name(name: str) -> str:
    name = " ".join(name.split()).casefold()
    return name.removeprefix("the ")


def choose_focus(facts: Facts, wanted: Sequence[str] = ()) -> tuple[Focus, ...]:
    """The briefings' focus actors: those asked for (matched to the corpus's spelling, whatever the
    case or a leading "the"), else the actor whose views the sources report most: most sources,
    then most positions. An actor the corpus never names is a FocusError."""
    held: dict[str, set[str]] = {}
    count: dict[str, int] = {}
    mentioned: dict[str, int] = {}
    for p in facts.positions:
        held.setdefault(p.holder, set()).add(p.document_id)
        count[p.holder] = count.get(p.holder, 0) + 1
        for name in (p.holder, p.target):
            mentioned[name] = mentioned.get(name, 0) + 1
    for d in facts.delegations:
        if d.host_country:
            mentioned[d.host_country] = mentioned.get(d.host_country, 0) + 1

    def focus(actor: str | None, chosen) -> Focus:
        return Focus(actor=actor, chosen=chosen, positions=count.get(actor, 0), sources=len(held.get(actor, ())))

    if not wanted:
        ranked = sorted(held, key=lambda a: (-len(held[a]), -count[a], a))
        return (focus(ranked[0] if ranked else None, "derived"),)
    spelled = {_plain_name(a): a for a in mentioned}
    out = []
    for name in dict.fromkeys(wanted):
        actor = spelled.get(_plain_name(name))
        if actor is None:
            named = sorted(mentioned, key=lambda a: (-mentioned[a], a))
            listed = ", ".join(named[:15]) + (f" and {len(named) - 15} more" if len(named) > 15 else "")
            raise FocusError(f"focus {name!r} is not named in the corpus; it names: {listed or 'no actor'}")
        if actor not in [f.actor for f in out]:
            out.append(focus(actor, "set"))
    return tuple(out)


def compare(facts: Facts, focus: str | None = None, max_targets: int = 12) -> Comparison:
    """Compare the focus actor's positions across years (all holders when it holds none)."""
    everyone = positions_frame(facts)
    df = everyone[everyone.holder == focus] if focus and (everyone.holder == focus).any() else everyone
    years = sorted(int(y) for y in df.year.dropna().unique())
    doc_years = sorted({int(d.date[:4]) for d in facts.documents if d.date and not d.duplicate_of})
    years = sorted(set(years) | set(doc_years))
    label = periods(years)
    columns = list(dict.fromkeys(label[y] for y in years))
    df = df.assign(period=[label[int(y)] if pd.notna(y) else UNDATED for y in df.year])
    counts = df.pivot_table(index="target", columns="period", values="id", aggfunc="count", fill_value=0) if len(df) else pd.DataFrame()
    totals = counts.sum(axis=1).sort_values(ascending=False, kind="stable") if len(counts) else pd.Series(dtype=int)
    salience_df = counts.reindex(columns=columns, fill_value=0)
    targets = [t for t in totals.index if t != focus][:max_targets]
    matrix, undated = _matrix(df, columns, targets)
    salience = [Salience(target=t, counts=tuple(int(salience_df.loc[t, c]) for c in columns)) for t in targets]
    trends = [_trend(df, t, years) for t in targets[:5]]
    matrix_table = pd.DataFrame(
        [{"target": r.target, **{col: "/".join(c.stances) if c else "" for col, c in zip(columns, r.cells)},
          UNDATED: "/".join(u.stances) if u else ""} for r, u in zip(matrix, undated)],
        columns=["target", *columns, UNDATED])
    tables = {
        "positions.csv": to_csv(everyone.drop(columns=["rank"])),
        "stance_matrix.csv": to_csv(matrix_table if any(undated) else matrix_table.drop(columns=[UNDATED])),
        "salience.csv": to_csv(salience_df.reset_index() if len(salience_df) else pd.DataFrame(columns=["target"])),
        "delegations.csv": to_csv(pd.DataFrame([
            {"id": d.fact_id, "document_id": d.document_id, "organisation": d.organisation, "host_country": d.host_country,
             "start_date": d.start_date, "end_date": d.end_date, "members": d.members,
             "member_countries": d.member_countries, "leader": d.leader.name if d.leader else None,
             "places": "; ".join(d.places), "interlocutors": len(d.interlocutors)} for d in facts.delegations],
            columns=["id", "document_id", "organisation", "host_country", "start_date", "end_date", "members",
                     "member_countries", "leader", "places", "interlocutors"])),
    }
    return Comparison(focus=focus, years=tuple(years), columns=tuple(columns), matrix=tuple(matrix),
                      undated=tuple(undated) if any(undated) else (), salience=tuple(salience), trends=tuple(trends),
                      findings=tuple(_findings(everyone, facts, years, focus)), tables=tables)
