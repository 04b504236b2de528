"""Compare: positions and delegations across years, with pandas.

DataFrames live only here. The stage returns a :class:`Comparison` of plain records (what the
briefing shows) and the comparison tables as CSV text (what the edition archives).
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd

from .models import Facts, Record

STANCE_RANK = {"threat": 3, "concern": 2, "neutral": 1, "partner": 0}
CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


class Cell(Record):
    stances: tuple[str, ...]  # strongest first
    horizon: str | None
    cites: tuple[str, ...]  # fact ids
    sources: int


class MatrixRow(Record):
    target: str
    cells: tuple[Cell | None, ...]  # one per year


class Salience(Record):
    target: str
    counts: tuple[int, ...]  # positions per year


class Finding(Record):
    text: str
    cites: tuple[str, ...]


class Trend(Record):
    actor: str
    text: str
    quote: str | None
    cite: str | None


class Comparison(Record):
    years: tuple[int, ...]
    columns: tuple[str, ...]  # the matrix's columns: years, or periods of years when there are many
    matrix: tuple[MatrixRow, ...]
    salience: tuple[Salience, ...]
    trends: tuple[Trend, ...]
    findings: tuple[Finding, ...]
    tables: dict[str, str]


def fact_ids(facts: Facts) -> dict[str, dict[int, str]]:
    """Stable ids of positions, delegations and events, by their index in ``facts``."""
    return {
        "positions": {i: p.stable_id("P") for i, p in enumerate(facts.positions)},
        "delegations": {i: d.stable_id("D") for i, d in enumerate(facts.delegations)},
        "events": {i: e.stable_id("E") for i, e in enumerate(facts.events)},
    }


def positions_frame(facts: Facts) -> pd.DataFrame:
    ids = fact_ids(facts)["positions"]
    rows = [{"id": ids[i], "document_id": p.document_id, "holder": p.holder, "target": p.target,
             "stance": p.stance, "horizon": p.horizon, "year": p.year, "quote": p.evidence.quote,
             "rank": STANCE_RANK[p.stance]} for i, p in enumerate(facts.positions)]
    cols = ["id", "document_id", "holder", "target", "stance", "horizon", "year", "quote", "rank"]
    return pd.DataFrame(rows, columns=cols)


def safe_cell(value: object) -> object:
    """Neutralise spreadsheet formulas (OWASP CSV injection): prefix a quote."""
    if isinstance(value, str) and value.startswith(CSV_TRIGGERS):
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


def _matrix(df: pd.DataFrame, columns: list[str], targets: list[str]) -> list[MatrixRow]:
    rows = []
    for target in targets:
        cells: list[Cell | None] = []
        for column in columns:
            sub = df[(df.target == target) & (df.period == column)].sort_values(["rank", "id"], ascending=[False, True])
            if sub.empty:
                cells.append(None)
                continue
            horizons = [h for h in sub.horizon if isinstance(h, str)]
            cells.append(Cell(stances=tuple(dict.fromkeys(sub.stance)), horizon=horizons[0] if horizons else None,
                              cites=tuple(sub.id), sources=sub.document_id.nunique()))
        rows.append(MatrixRow(target=target, cells=tuple(cells)))
    return rows


THE = ("United", "European", "Netherlands", "Philippines", "Czech")


def names(items) -> str:
    """"Japan", "Japan and the United States", "China, Russia and North Korea"."""
    items = [f"the {x}" if x.startswith(THE) else x for x in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _span(years: list[int]) -> str:
    return f"{years[0]}" if len(years) == 1 else f"{years[0]}–{years[-1]}"


def _trend(df: pd.DataFrame, actor: str, years: list[int]) -> Trend:
    sub = df[df.target == actor]
    by_year = sub.groupby("year")["rank"].max()
    runs: list[tuple[str, list[int]]] = []  # consecutive years with the same strongest stance
    for year, rank in by_year.items():
        stance = next(s for s, r in STANCE_RANK.items() if r == rank)
        if runs and runs[-1][0] == stance:
            runs[-1][1].append(int(year))
        else:
            runs.append((stance, [int(year)]))
    from .extract.lexicon import actors

    # The quote to show: the strongest stance, preferably in words that name the actor itself.
    named = sub.quote.map(lambda q: any(m.actor == actor for m in actors().find(q)))
    strongest = sub.assign(named=named).sort_values(["rank", "named", "year", "id"], ascending=[False, False, False, True]).iloc[0]
    if len(runs) == 1:
        moves = f"a {runs[0][0]} in every year it appears ({_span(runs[0][1])})"
    else:
        moves = "a " + ", then a ".join(f"{stance} ({_span(yrs)})" for stance, yrs in runs)
    absent = [y for y in years if y not in by_year.index]
    text = f"{actor} is framed as {moves}"
    if absent:
        text += f"; no source from {', '.join(map(str, absent))} takes a position on it"
    text += f". {len(sub)} position(s) from {sub.document_id.nunique()} source(s)."
    return Trend(actor=actor, text=text, quote=strongest.quote, cite=strongest.id)


def _findings(df: pd.DataFrame, facts: Facts, years: list[int], focus: str) -> list[Finding]:
    out: list[Finding] = []
    out.append(Finding(
        text=(f"{len(facts.documents)} sources dated {_span(years)} yield {len(df)} positions on "
              f"{df.target.nunique()} actors, {len(facts.delegations)} delegation visit(s) and {len(facts.events)} dated events."
              if years else f"{len(facts.documents)} sources; none of them dated."),
        cites=()))
    threats = df[df.stance == "threat"]
    order = threats.groupby("target").year.nunique().sort_values(ascending=False, kind="stable").index
    for target in order:
        grp = threats[threats.target == target]
        yrs = sorted(grp.year.unique())
        imm = grp[grp.horizon == "immediate"]
        text = f"{target} is framed as a threat to {names(sorted(grp.holder.unique()))} in {len(yrs)} of {len(years)} years ({', '.join(map(str, yrs))})"
        text += f", as an immediate one in {imm.document_id.nunique()} source(s)." if len(imm) else "."
        out.append(Finding(text=text, cites=tuple(grp.sort_values("year").id[:4])))
    partners = df[(df.stance == "partner")].groupby("target").year.nunique().sort_values(ascending=False)
    if len(partners):
        top = list(partners.index[:3])
        sub = df[(df.stance == "partner") & df.target.isin(top)]
        out.append(Finding(text=f"The most consistent partners of {focus}: " + "; ".join(
            f"{names([t])} ({partners[t]} of {len(years)} years)" for t in top) + ".", cites=tuple(sub.id[:4])))
    mixed = df.groupby("target").stance.agg(lambda s: min((s == "partner").sum(), (s == "concern").sum()) + len(s) / 1000)
    for target in [t for t, n in mixed.sort_values(ascending=False, kind="stable").items() if n >= 1][:1]:
        sub = df[df.target == target]
        out.append(Finding(text=f"{capitalised(names([target]))} is both a partner and a source of concern: the sources pair reliance on it with worry about it.",
                           cites=tuple(sub.sort_values("rank", ascending=False).id[:3])))
    if len(years) >= 2:
        first, last = set(df[df.year == years[0]].target), set(df[df.year == years[-1]].target)
        new, gone = sorted(last - first), sorted(first - last)
        if new or gone:
            text = f"Between {years[0]} and {years[-1]}"
            text += f", {', '.join(new)} enter{'s' if len(new) == 1 else ''} the picture" if new else ""
            text += (" and" if new else "") + f" {', '.join(gone)} drop{'s' if len(gone) == 1 else ''} out" if gone else ""
            sub = df[(df.year == years[-1]) & df.target.isin(new)]
            out.append(Finding(text=text + ".", cites=tuple(sub.id[:3])))
    if len(facts.delegations) >= 2:
        ds = sorted(facts.delegations, key=lambda d: d.start_date or "")
        a, b = ds[0], ds[-1]

        def who(d) -> str:
            bodies = [re.search(r"\(([^)]+)\)$", x) for x in d.bodies]
            names = [m.group(1) if m else x for m, x in zip(bodies, d.bodies)]
            return f" ({', '.join(names)})" if names else ""

        def agenda(d) -> int:
            return df[df.document_id == d.document_id].target.nunique()

        out.append(Finding(text=(f"The {(a.start_date or '?')[:4]} delegation{who(a)} had {a.members or '?'} members from "
                                 f"{a.member_countries or '?'} countries, the {(b.start_date or '?')[:4]} one{who(b)} "
                                 f"{b.members or '?'} from {b.member_countries or '?'}; they met {len(a.interlocutors)} and "
                                 f"{len(b.interlocutors)} named interlocutors and heard views on {agenda(a)} and {agenda(b)} actors."),
                           cites=(a.stable_id("D"), b.stable_id("D"))))
    single = df.groupby(["target", "year"]).document_id.nunique()
    if len(single):
        out.append(Finding(text=f"{int((single == 1).sum())} of {len(single)} target-year findings rest on a single source; read them as indications.",
                           cites=()))
    return out[:8]


def compare(facts: Facts, focus: str = "Japan", max_targets: int = 12) -> Comparison:
    """Compare the focus actor's positions across years (all holders when it holds none)."""
    everyone = positions_frame(facts)
    df = everyone[everyone.holder == focus] if (everyone.holder == focus).any() else everyone
    years = sorted(int(y) for y in df.year.unique()) if len(df) else []
    doc_years = sorted({int(d.date[:4]) for d in facts.documents if d.date and not d.duplicate_of})
    years = sorted(set(years) | set(doc_years))
    label = periods(years)
    columns = list(dict.fromkeys(label[y] for y in years))
    df = df.assign(period=df.year.map(label))
    salience_df = df.pivot_table(index="target", columns="period", values="id", aggfunc="count", fill_value=0) if len(df) else pd.DataFrame()
    salience_df = salience_df.reindex(columns=columns, fill_value=0)
    totals = salience_df.sum(axis=1).sort_values(ascending=False, kind="stable") if len(salience_df) else pd.Series(dtype=int)
    targets = [t for t in totals.index if t != focus][:max_targets]
    matrix = _matrix(df, columns, targets)
    salience = [Salience(target=t, counts=tuple(int(salience_df.loc[t, c]) for c in columns)) for t in targets]
    trends = [_trend(df, t, years) for t in targets[:5]]
    tables = {
        "positions.csv": to_csv(everyone.drop(columns=["rank"])),
        "stance_matrix.csv": to_csv(pd.DataFrame(
            [{"target": r.target, **{col: "/".join(c.stances) if c else "" for col, c in zip(columns, r.cells)}} for r in matrix],
            columns=["target", *columns])),
        "salience.csv": to_csv(salience_df.reset_index() if len(salience_df) else pd.DataFrame(columns=["target"])),
        "delegations.csv": to_csv(pd.DataFrame([
            {"document_id": d.document_id, "organisation": d.organisation, "host_country": d.host_country,
             "start_date": d.start_date, "end_date": d.end_date, "members": d.members,
             "member_countries": d.member_countries, "leader": d.leader.name if d.leader else None,
             "places": "; ".join(d.places), "interlocutors": len(d.interlocutors)} for d in facts.delegations],
            columns=["document_id", "organisation", "host_country", "start_date", "end_date", "members",
                     "member_countries", "leader", "places", "interlocutors"])),
    }
    return Comparison(years=tuple(years), columns=tuple(columns), matrix=tuple(matrix), salience=tuple(salience), trends=tuple(trends),
                      findings=tuple(_findings(everyone, facts, years, focus)), tables=tables)
