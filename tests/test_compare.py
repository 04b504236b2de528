import csv
import io

from flows.compare import compare, safe_cell
from flows.models import Evidence, Facts, Position


def pos(target, stance, year, doc="d1", holder="Japan", horizon=None):
    ev = Evidence(document_id=doc, start=0, end=1, quote="x")
    return Position(holder=holder, target=target, stance=stance, horizon=horizon, year=year, document_id=doc, evidence=ev)


def test_matrix_orders_stances_and_counts_sources():
    facts = Facts(positions=(pos("China", "concern", 2017), pos("China", "threat", 2019, "d2", horizon="long-term"),
                             pos("China", "concern", 2019, "d3"), pos("United States", "partner", 2017)))
    cmp = compare(facts, focus="Japan")
    assert cmp.years == (2017, 2019)
    rows = {r.target: r for r in cmp.matrix}
    assert rows["China"].cells[0].stances == ("concern",)
    assert rows["China"].cells[1].stances == ("threat", "concern")
    assert rows["China"].cells[1].sources == 2 and rows["China"].cells[1].horizon == "long-term"
    assert rows["United States"].cells[1] is None
    assert {s.target: s.counts for s in cmp.salience}["China"] == (1, 2)
    kinds = [f.kind for f in cmp.findings]
    assert kinds[0] == "overview" and cmp.findings[0].positions == 4 and cmp.findings[0].first_year == 2017
    threat = next(f for f in cmp.findings if f.kind == "threat")
    assert (threat.actor, threat.holders, threat.years, threat.of_years) == ("China", ("Japan",), (2019,), 2)


def test_focus_actor_filters_holders():
    facts = Facts(positions=(pos("China", "concern", 2017), pos("China", "threat", 2017, holder="United States")))
    cell = {r.target: r for r in compare(facts, focus="Japan").matrix}["China"].cells[0]
    assert cell.stances == ("concern",)


def test_csv_exports_neutralise_formulas():
    facts = Facts(positions=(pos("China", "concern", 2017),))
    hostile = pos("China", "threat", 2018).model_copy(update={"evidence": Evidence(document_id="d1", start=0, end=9, quote="=HYPERLINK(1)")})
    cmp = compare(Facts(positions=facts.positions + (hostile,)))
    rows = list(csv.DictReader(io.StringIO(cmp.tables["positions.csv"])))
    assert {r["quote"] for r in rows} == {"x", "'=HYPERLINK(1)"}
    for bad in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(bad).startswith("'")
    assert safe_cell("plain") == "plain" and safe_cell(3) == 3


def test_seed_comparison_covers_years_and_delegations(seed_extraction):
    cmp = compare(seed_extraction.facts)
    assert cmp.years == (2017, 2018, 2019, 2022)
    targets = [r.target for r in cmp.matrix]
    assert {"North Korea", "China", "Russia", "United States"} <= set(targets)
    nk = next(r for r in cmp.matrix if r.target == "North Korea")
    assert all(c and c.stances[0] == "threat" for c in nk.cells)
    assert 5 <= len(cmp.findings) <= 8
    visits = next(f for f in cmp.findings if f.kind == "delegations")
    assert (visits.first.year, visits.last.year) == ("2018", "2022")


def test_many_years_are_grouped_into_at_most_eight_periods():
    from flows.compare import periods

    assert periods([2017, 2018, 2022]) == {2017: "2017", 2018: "2018", 2022: "2022"}
    label = periods(list(range(2005, 2025)))
    assert len(set(label.values())) <= 8
    assert label[2005] == "2005–2007" and label[2024].endswith("2024")
    facts = Facts(positions=tuple(pos("China", "concern", y) for y in range(2005, 2025)))
    cmp = compare(facts)
    assert len(cmp.columns) <= 8 and len(cmp.matrix[0].cells) == len(cmp.columns)
    assert sum(cmp.salience[0].counts) == 20


def test_undated_positions_are_kept_in_their_own_column():
    facts = Facts(positions=(pos("China", "concern", 2017), pos("China", "threat", None, "d2"), pos("Russia", "threat", None, "d2")))
    cmp = compare(facts)
    assert cmp.years == (2017,) and cmp.columns == ("2017",)
    rows = {r.target: (r, u) for r, u in zip(cmp.matrix, cmp.undated)}
    assert rows["China"][0].cells[0].stances == ("concern",) and rows["China"][1].stances == ("threat",)
    assert rows["Russia"][0].cells == (None,) and rows["Russia"][1].stances == ("threat",)
    assert "undated" in cmp.tables["stance_matrix.csv"].splitlines()[0]
    trend = next(t for t in cmp.trends if t.actor == "Russia")
    assert trend.runs == () and trend.undated == 1


def test_fact_ids_do_not_depend_on_order_or_offsets():
    a = pos("China", "threat", 2019)
    moved = a.model_copy(update={"evidence": Evidence(document_id="d1", start=500, end=501, quote="x")})
    assert a.fact_id == moved.fact_id and a.fact_id.startswith("P-")
    assert a.fact_id != pos("China", "concern", 2019).fact_id
    one = compare(Facts(positions=(a, pos("Russia", "threat", 2019))))
    two = compare(Facts(positions=(pos("Russia", "threat", 2019), moved)))
    china = lambda c: next(r for r in c.matrix if r.target == "China").cells[0].cites  # noqa: E731
    assert china(one) == china(two) == (a.fact_id,)
