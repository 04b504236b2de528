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
    assert all(f.text.endswith('.') for f in cmp.findings)


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
    assert "delegation" in " ".join(f.text for f in cmp.findings)


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
