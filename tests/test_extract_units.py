"""Extractors on small texts written for the tests: other delegations, years, hosts, phrasing."""

from flows.extract import extract_corpus, extract_document
from flows.extract.dates import day_ranges
from flows.extract.documents import authors_of, inferred_date, kind_of, stated_date, title_of
from flows.extract.people import people
from flows.extract.text import sentences
from flows.models import SourceText

EP_RELEASE = """European Parliament delegation visits South Korea and Japan

Seoul, 16 November 2019 - A delegation of the European Parliament's Delegation for relations with the Korean Peninsula (DKOR), comprising 12 Members of the European Parliament from nine EU member states, visited Seoul and Busan from 13 to 17 November. The delegation was led by Chair Reinhard Bütikofer (Germany) and Vice-Chair Maria Kovac (Croatia).

The MEPs met Kang Kyung-wha, Minister of Foreign Affairs, and held talks with Moon Hee-sang, Speaker of the National Assembly, and other South Korean officials. South Korean officials said North Korea remains a serious threat to the peninsula. They stressed that Seoul wants to deepen its partnership with the European Union.
"""

NATO_2007 = """NATO parliamentarians visit Australia

18 June 2007

A delegation of 22 Parliamentarians from fifteen NATO member countries visited Canberra and Sydney on June 11-15, 2007. The delegation was led by Pierre Lellouche (France), Chairman of the Sub-Committee on Transatlantic Relations (PCTR).

Australian officials underlined that the alliance with the United States remains the cornerstone of Australia's security. Officials expressed concern about China's growing military power. Dr. Mary Smith, Deputy Secretary of Defence, briefed the delegation.
"""


def doc(text: str, id_: str = "t") -> SourceText:
    return SourceText(id=id_, path=f"{id_}.txt", sha256="0" * 64, encoding="utf-8", text=text)


def test_day_range_variants():
    assert [(r.first, r.last) for r in day_ranges("visited from 13 to 17 November", 2019)] == [("2019-11-13", "2019-11-17")]
    assert [(r.first, r.last) for r in day_ranges("on June 11-15, 2007", None)] == [("2007-06-11", "2007-06-15")]
    assert [(r.first, r.last) for r in day_ranges("from 30 June to 2 July 2019", None)] == [("2019-06-30", "2019-07-02")]
    assert [(r.first, r.last) for r in day_ranges("between 3 and 5 May", 2021)] == [("2021-05-03", "2021-05-05")]


def test_delegation_of_another_organisation_host_and_year():
    meta, dels, positions, _ = extract_document(doc(EP_RELEASE, "ep"))
    assert meta.date == "2019-11-16" and meta.date_basis == "stated"
    assert meta.kind == "press_release"
    (d,) = dels
    assert d.organisation == "European Parliament"
    assert d.host_country == "South Korea"
    assert (d.start_date, d.end_date) == ("2019-11-13", "2019-11-17")
    assert d.members == 12 and d.member_countries == 9
    assert d.leader.name == "Reinhard Bütikofer" and d.leader.country == "Germany"
    assert set(d.places) == {"Seoul", "Busan"}
    assert {p.name for p in d.interlocutors} >= {"Kang Kyung-wha", "Moon Hee-sang"}
    assert any("DKOR" in b for b in d.bodies)
    tuples = {(p.holder, p.target, p.stance) for p in positions}
    assert ("South Korea", "North Korea", "threat") in tuples
    assert ("South Korea", "European Union", "partner") in tuples


def test_delegation_with_number_words_and_leader_role_after_country():
    meta, dels, positions, _ = extract_document(doc(NATO_2007, "nato"))
    (d,) = dels
    assert d.organisation == "NATO Parliamentary Assembly"
    assert d.members == 22 and d.member_countries == 15
    assert (d.start_date, d.end_date) == ("2007-06-11", "2007-06-15")
    assert d.leader.name == "Pierre Lellouche" and d.leader.country == "France"
    assert d.host_country == "Australia" and set(d.places) == {"Canberra", "Sydney"}
    assert [p.name for p in d.interlocutors] == ["Mary Smith"]
    tuples = {(p.holder, p.target, p.stance) for p in positions}
    assert ("Australia", "United States", "partner") in tuples
    assert ("Australia", "China", "concern") in tuples


def test_around_twenty_lawmakers():
    text = "Around 20 lawmakers from 10 countries visited Tokyo from 3 to 5 May 2023, led by Jane Doe (Canada)."
    (d,) = extract_document(doc(text))[1]
    assert d.members == 20 and d.member_countries == 10 and d.leader.country == "Canada"


def test_byline_title_and_kind_of_an_analysis():
    text = "The Outlet\nAnalysis\nWhy Seoul and Tokyo Keep Quarrelling\n\nBy Jane Roe and John Poe\n\nOn March 3, the two governments met.\n"
    assert title_of(text) == "Why Seoul and Tokyo Keep Quarrelling"
    assert authors_of(text) == ["Jane Roe", "John Poe"]
    assert kind_of(text) == "analysis"


def test_author_label():
    assert authors_of("Some headline about Japan and China\n\nAuthor: Dr. Kim Lee\n\nText.") == ["Kim Lee"]


def test_interview_authors_and_kind():
    text = "Column\n\nInsights from Taro Sato.\n\nThis interview with Dr. Taro Sato, senior fellow, was conducted by editor Ann Lee.\n\nWhat does Japan want?\n"
    assert kind_of(text) == "interview"
    assert set(authors_of(text)) >= {"Taro Sato", "Ann Lee"}


def test_dates_stated_and_inferred():
    assert stated_date("Title of a release\n\n3 March 2021\n\nBody.") == "2021-03-03"
    assert stated_date(" date 2020-01-02 Body") == "2020-01-02"
    assert inferred_date("Moving into 2024, the talks stall. In 2019 they met.") == "2024"
    assert inferred_date("Ahead of the upcoming Hanoi summit, and after the Singapore summit in June 2018.") == "2019"
    assert inferred_date("Nothing dated here.") is None


def test_people_with_roles_and_honorifics():
    found = {p.name: p.role for p in people(
        "The delegation met Mr. John Smith, Deputy Minister of Defence, and Foreign Minister Anna Berg. "
        "Prof. Lee Min-ho, Director of the Institute for Peace, spoke.")}
    assert found["John Smith"] == "Deputy Minister of Defence"
    assert found["Anna Berg"] == "Foreign Minister"
    assert found["Lee Min-ho"].startswith("Director of the Institute")
    # an office's last word before the name stays the office's: "Minister of Home Affairs Ola Dahl"
    found = {p.name: p.role for p in people("They were welcomed by Minister of Home Affairs Ola Dahl at the airport.")}
    assert found == {"Ola Dahl": "Minister of Home Affairs"}
    found = {p.name: p.role for p in people("Press Releases\n\nVice Foreign Minister Ola Dahl Meets the Delegation")}
    assert found == {"Ola Dahl": "Vice Foreign Minister"}  # a heading on the line above is no part of the role


def test_two_interleaved_columns_are_read_as_sentences():
    left = ["Tokyo faces growing tensions with", "China over the disputed islands,", "officials said in the capital."]
    right = ["The alliance with the United States", "remains the core of its defence", "policy, analysts agree."]
    lines = [x for pair in zip(left, right) for x in pair]
    text = "\n\n".join(lines) + "\n"
    joined = [s.text for s in sentences(text)]
    assert "Tokyo faces growing tensions with China over the disputed islands, officials said in the capital." in joined
    assert "The alliance with the United States remains the core of its defence policy, analysts agree." in joined


def test_boilerplate_and_repeated_paragraphs_yield_nothing():
    para = "Japan considers North Korea an immediate threat to its security."
    text = f"Title of the piece here\n\n2 May 2020\n\n{para}\n\n{para}\n\nSubscribe\n\nRead also\n\nChina is a threat to Japan says a headline\n"
    _, _, positions, _ = extract_document(doc(text))
    assert [(p.target, p.stance) for p in positions] == [("North Korea", "threat")]


def test_duplicate_documents_are_marked():
    a, b = doc("1 May 2020\n\nJapan is concerned about China.", "a"), doc("1 May 2020\n\nJapan  is concerned about China.\n", "b")
    facts = extract_corpus([a, b]).facts
    assert {d.id: d.duplicate_of for d in facts.documents} == {"a": None, "b": "a"}
    assert {p.document_id for p in facts.positions} == {"a"}


def test_every_quote_is_its_text_slice():
    for text in (EP_RELEASE, NATO_2007):
        d = doc(text)
        _, dels, positions, events = extract_document(d)
        evidence = [e for x in dels for e in x.evidence] + [p.evidence for p in positions] + [e.evidence for e in events]
        assert evidence
        assert all(text[e.start:e.end] == e.quote for e in evidence)


def test_a_multi_megabyte_single_line_is_extracted_and_grounded():
    """Work per document is bounded: run-on 'sentences' are skipped, regexes have bounded reach.
    (Quadratic code took minutes here; this finishes in about a second.)"""
    words = ["Japan", "China", "Committee", "on", "Affairs", "Minister", "threat", "visited", "Tokyo", "led", "by",
             "Dr.", "Kenji", "Sato,", "(STC)", "2019", "June", "from", "3", "to", "concern", "alliance"]
    text = " ".join(words[(i * 7919) % len(words)] for i in range(400_000))
    d = doc(text)
    meta, dels, positions, events = extract_document(d)
    assert len(text) > 2_000_000 and meta.id == "t"
    assert all(text[e.evidence.start:e.evidence.end] == e.evidence.quote for e in [*positions, *events])


def _variant(name: str) -> SourceText:
    from conftest import DATA

    return doc((DATA / f"variant_{name}.txt").read_text(encoding="utf-8"), name)


def test_wire_version_of_a_visit():
    meta, (d,), _, _ = extract_document(_variant("wire"))
    assert meta.publisher == "Kyodo News" and meta.authors == () and meta.kind == "other"
    assert d.organisation == "NATO Parliamentary Assembly" and d.members == 20
    assert (d.leader.name, d.leader.country) == ("Joseph A. Day", "Canada")
    assert {p.name for p in d.interlocutors} == {"Taro Kono", "Itsunori Onodera"}
    assert d.bodies == ("Defence and Security Committee",)


def test_european_parliament_release_with_number_word_size():
    meta, (d,), positions, _ = extract_document(_variant("ep"))
    assert meta.date == "2019-02-08" and d.members == 7 and (d.start_date, d.end_date) == ("2019-02-04", "2019-02-08")
    assert (d.leader.name, d.leader.country, d.leader.role) == ("Petr Ježek", "Czech Republic", "Chair")
    assert {(p.holder, p.target, p.stance) for p in positions} >= {
        ("Japan", "North Korea", "concern"), ("Japan", "China", "concern"), ("Japan", "European Union", "partner")}


def test_analysis_and_interview_metadata_and_positions():
    meta, dels, positions, _ = extract_document(_variant("analysis"))
    assert (meta.publisher, meta.authors, meta.date, meta.kind) == ("East Asia Forum", ("Hiroshi Tanaka",), "2021-03-12", "analysis")
    assert not dels
    got = {(p.target, p.stance): p.horizon for p in positions}
    assert got[("China", "concern")] == "long-term" and ("North Korea", "threat") in got
    assert ("South Korea", "concern") in got and ("United States", "partner") in got
    meta, _, positions, _ = extract_document(_variant("interview"))
    assert meta.kind == "interview" and meta.authors == ("Sarah Jones", "Michael Green")
    assert {(p.target, p.stance) for p in positions} >= {("Russia", "threat"), ("China", "concern"), ("NATO", "partner")}


def test_visit_to_another_host_with_titles_before_names():
    meta, (d,), positions, _ = extract_document(_variant("georgia"))
    assert (meta.date, meta.publisher, meta.kind) == ("2016-10-20", "NATO Parliamentary Assembly", "press_release")
    assert (d.host_country, d.start_date, d.end_date, d.members, d.member_countries) == ("Georgia", "2016-10-17", "2016-10-19", 14, 8)
    assert (d.leader.name, d.leader.country) == ("Rasa Jukneviciene", "Lithuania")
    roles = {p.name: p.role for p in d.interlocutors}
    assert roles == {"Giorgi Kvirikashvili": "Prime Minister", "Levan Izoria": "Defence Minister",
                     "Irakli Kobakhidze": "Speaker of Parliament",
                     "Zurab Pataradze": "Chairman of the Government of the Autonomous Republic of Adjara"}
    assert {(p.holder, p.target, p.stance) for p in positions} == {
        ("Georgia", "Russia", "threat"), ("Georgia", "NATO", "partner"), ("Georgia", "United States", "partner")}


def test_short_paragraphs_are_not_taken_for_columns():
    text = ("Analysis of Japan's security\n\n5 May 2023\n\nCanberra has deepened its alliance with Washington.\n\n"
            "Tokyo seeks closer cooperation with NATO.\n\nQ: And China?\n\nA: A concern.\n")
    assert [s.text for s in sentences(text)] == [
        "Analysis of Japan's security", "5 May 2023", "Canberra has deepened its alliance with Washington.",
        "Tokyo seeks closer cooperation with NATO.", "Q: And China?", "A: A concern."]
    _, _, positions, _ = extract_document(doc(text))
    assert {(p.holder, p.target, p.stance) for p in positions} >= {("Australia", "United States", "partner"),
                                                                   ("Japan", "NATO", "partner")}


def test_commentary_byline_with_title_and_date_and_an_editorial():
    from flows.extract.documents import publisher_of

    text = "Commentary\n\nJapan's New Security Strategy: What It Means for Europe\n\nBy Jane Doe, Senior Fellow | December 20, 2022\n\nText.\n"
    assert title_of(text) == "Japan's New Security Strategy: What It Means for Europe"
    assert (authors_of(text), kind_of(text), stated_date(text)) == (["Jane Doe"], "analysis", "2022-12-20")
    text = "Editorial\n\nThe alliance must adapt to a new era\n\nThe Japan Times\n\nJan 5, 2023\n\nText.\n"
    assert (title_of(text), kind_of(text), stated_date(text)) == ("The alliance must adapt to a new era", "analysis", "2023-01-05")
    assert publisher_of(text, "analysis") == "The Japan Times"


def test_member_countries_counted_from_a_list_and_hyphenated_acronyms():
    text = ("Visit to Australia\n\n13 September 2019\n\nThe 12-member delegation of the European Parliament's Delegation for "
            "relations with Australia and New Zealand (D-ANZ), comprising parliamentarians from Belgium, Canada, France and "
            "the Netherlands, visited Canberra and Sydney from 9 to 13 September 2019.\n")
    (d,) = extract_document(doc(text))[1]
    assert (d.members, d.member_countries, d.host_country) == (12, 4, "Australia")
    assert d.bodies == ("Delegation for relations with Australia and New Zealand (D-ANZ)",)


def test_affected_parties_are_not_targets():
    text = ("Note\n\n1 May 2022\n\nStronger cooperation between China and Russia may have strategic effects on the "
            "United States and should be monitored with concern, officials said.\n")
    _, _, positions, _ = extract_document(doc(text))
    assert "United States" not in {p.target for p in positions}


def test_titles_skip_breadcrumbs_and_markdown_marks():
    assert title_of("Home > News > Press releases > 2019\n\n# Delegation visits the Baltic states\n\nText.") == \
        "Delegation visits the Baltic states"


def test_default_holder_is_who_the_document_gives_views_to_not_the_most_named():
    text = ("North Korea's missiles\n\n3 March 2023\n\nNorth Korea fired two missiles on Monday. North Korea has tested "
            "missiles repeatedly. North Korea's programme keeps growing, and North Korea shows no sign of stopping.\n\n"
            "Japanese officials consider North Korea an imminent threat. Beijing's coercion worries Tokyo.\n")
    _, _, positions, _ = extract_document(doc(text))
    assert {(p.holder, p.target, p.stance, p.horizon) for p in positions} == {
        ("Japan", "North Korea", "threat", "immediate"), ("Japan", "China", "concern", None)}


def test_people_only_mentioned_are_not_interlocutors():
    text = ("Delegation visits Japan\n\n2 June 2023\n\nA delegation of 10 lawmakers visited Tokyo from 1 to 3 June 2023. "
            "Host country officials noted that Prime Minister Fumio Kishida attended the NATO Summit. "
            "The Nobel laureate Kenzaburo Oe, Professor of Literature, wrote many novels. "
            "The delegation met Taro Sato, Deputy Minister of Defence.\n")
    (d,) = extract_document(doc(text))[1]
    assert [p.name for p in d.interlocutors] == ["Taro Sato"]


def test_places_are_cities_visited_not_cities_mentioned():
    text = ("Delegation visits Japan\n\nTokyo, 2 June 2023 - A delegation of 10 lawmakers visited Japan from 1 to 3 June 2023. "
            "The G7 leaders gathered in Hiroshima last month. Briefings hosted by the ministry in Osaka covered energy.\n")
    (d,) = extract_document(doc(text))[1]
    assert d.places == ("Osaka",)


def test_victims_of_aggression_are_not_targets():
    text = ("Note\n\n2 November 2023\n\nRussia's invasion of Ukraine has shaped Japanese thinking: officials in Tokyo "
            "worry that a Russian victory would embolden Beijing.\n")
    _, _, positions, _ = extract_document(doc(text))
    assert {(p.holder, p.target, p.stance) for p in positions} == {("Japan", "Russia", "concern"), ("Japan", "China", "concern")}


def test_necessary_literals_of_a_cue_pattern():
    from flows.extract.prefilter import literals

    assert literals(r"\bthreat(s|en)?\b") == {"threat"}
    assert literals(r"\b(Close|closer) ties with\b") == {" ties with"}
    assert literals(r"\b(menace|peril)\b") == {"menace", "peril"}
    assert literals(r"\b(a|an)?\b[^.]{0,9}") is None  # nothing any match must hold


def test_gated_cues_find_what_every_cue_finds_overlaps_included():
    import re

    from flows.extract.lexicon import compiled_cues
    from flows.extract.prefilter import cue_matches

    for text in ("Oslo wants closer security cooperation with Helsinki, its Strategic Partnership partner.",
                 "No cue at all is in this sentence about the weather.",
                 "İstanbul officials voiced CONCERN over the stand-off."):  # 'İ' lower-cases to two characters
        every = sorted((label, m.span()) for label, pat in compiled_cues()["stances"] for m in pat.finditer(text))
        assert sorted((label, m.span()) for label, m in cue_matches("stances", text)) == every
        assert bool(every) == bool(re.search(r"cooperation|CONCERN", text))
