"""Extraction on shapes of real documents the seeds do not show (texts written for these tests):
precision first, so most tests say what must NOT be extracted."""

from flows.extract import extract_document
from flows.extract.documents import publisher_of, stated_date, title_of
from flows.models import SourceText


def doc(text: str, id_: str = "u") -> SourceText:
    return SourceText(id=id_, path=f"{id_}.txt", sha256="0" * 64, encoding="utf-8", text=text)


def tuples(text: str) -> set[tuple[str, str, str]]:
    return {(p.holder, p.target, p.stance) for p in extract_document(doc(text))[2]}


NOTE = "Staff note\n\n12 March 2021\n\n"


def test_coordinated_subjects_hold_the_view_and_the_object_is_the_target():
    got = tuples(NOTE + "The United States and Japan see China as a growing threat to the regional order.")
    assert ("Japan", "China", "threat") in got and ("United States", "China", "threat") in got
    assert not any(t == "Japan" or t == "United States" for _, t, _ in got)  # never reversed


def test_cue_words_inside_names_are_not_stances():
    text = NOTE + ("Japan's delegates met the Sub-Committee on Transatlantic Partnerships in Ottawa. "
                   "Tokyo officials discussed the Trans-Pacific Partnership with Canada.")
    assert not any(stance == "partner" for _, _, stance in tuples(text))


def test_nationality_labels_of_delegates_are_not_views():
    text = NOTE + ("Japanese officials briefed the members, including Maria Rossi (Italy) and Dutch MP Jan de Vries, "
                   "about their concern over missile launches.")
    got = tuples(text)
    assert not any(t in ("Italy", "Netherlands") for _, t, _ in got)


def test_a_third_partys_support_is_not_a_partnership_of_the_holder():
    text = NOTE + "Japanese officials are worried about Iran's support for Russia's war."
    got = tuples(text)
    assert ("Japan", "Iran", "partner") not in got and ("Japan", "Russia", "partner") not in got


def test_new_relation_and_concern_cues():
    assert ("Japan", "Philippines", "partner") in tuples(NOTE + "Japan is engaging with the Philippines on maritime security.")
    assert ("Japan", "Australia", "partner") in tuples(NOTE + "Japan signed a security treaty with Australia last year.")
    assert ("Japan", "China", "concern") in tuples(NOTE + "Japanese officials accused China of unfriendly actions near the islands.")


def test_undated_sources_keep_their_positions_with_a_null_year():
    positions = extract_document(doc("Staff note\n\nJapanese officials regard North Korea as a grave threat."))[2]
    assert [(p.target, p.stance, p.year) for p in positions] == [("North Korea", "threat", None)]


def test_without_a_host_a_merely_named_country_holds_nothing():
    # Named four times, holding no view: sentences without an explicit holder give no position.
    text = NOTE + ("Korea policy notes. Korea and the region. The Korea file. South Korea exports rose. "
                   "The new rules are a concern for many shipping firms in the region.")
    assert tuples(text) == set()


def test_titles_skip_mastheads_bylines_and_body_text():
    assert title_of("NEWS RELEASE\n\nSHARE | PRINT\n\nMinisters agree new coast guard exchanges\n\n3 May 2021\n\nBody.") \
        == "Ministers agree new coast guard exchanges"
    assert title_of("Interviewed by Lena Okafor\n\nThe region after the vote: a conversation\n\nQ: Hello.") \
        == "The region after the vote: a conversation"
    body = ("The committee held its spring meeting in a coastal city and heard from a long list of speakers "
            "about the state of regional security and the budget.")
    assert title_of(body + "\n\n" + body) is None


def test_visit_dates_are_not_the_publication_date():
    assert stated_date("Delegation visit\n\nSeoul, 3-7 May 2015\n\nThe delegation met officials.") is None
    assert stated_date("Annual review\n\nOctober 2016\n\nText of the review.") == "2016-10"
    assert stated_date("Press note\n\n25/06/2018\n\nText.") == "2018-06-25"
    assert stated_date("Press note\n\n04.09.16\n\nText.") == "2016"  # day and month order unknown: the year
    assert stated_date("Press note\n\nPublished: 2019/7/4 08:15\n\nText.") == "2019-07-04"  # year first: year, month, day
    assert stated_date("Press note\n\nPublished: 2019/13/4\n\nText.") is None
    # a date line a time and a place follow is the text's date; a body sentence opening on a date is not
    assert stated_date("Press conference by the minister\n\nMonday, March 2, 2020, 5:10 p.m. Grand Duchy (Luxembourg)\n\nText.") == "2020-03-02"
    assert stated_date("Visit report\n\n3 May 2021 the delegation met the Speaker of the parliament in Oslo today\n\nText.") is None


def test_a_source_line_names_a_known_outlet():
    assert publisher_of("Talks resume\n\nSource:Xinhua Published: 2019/7/4\n\nText of the story.", "other") == "Xinhua"
    assert publisher_of("Talks resume\n\nSource: a reader's photo\n\nText of the story.", "other") is None


def test_wire_credit_names_the_outlet():
    text = "Ministers meet in Manila\n\nMANILA (Reuters) - Japan and the Philippines agreed on Tuesday to hold joint drills."
    assert publisher_of(text, "press_release") == "Reuters"
    meta = extract_document(doc(text))[0]
    assert meta.publisher == "Reuters" and meta.kind == "other"


def test_an_assembly_is_not_the_publisher_of_a_ministry_release():
    text = ("Ministry of Foreign Affairs\n\nState Secretary receives parliamentary delegation\n\n2 June 2023\n\n"
            "The State Secretary received a delegation of the OSCE Parliamentary Assembly and the Assembly's rapporteur.")
    assert extract_document(doc(text))[0].publisher != "NATO Parliamentary Assembly"


def test_an_agency_credit_in_the_dateline_is_the_publisher_and_the_text_is_news():
    text = ("RIGA, 4 May (Baltic Wire) – The head of the Latvian parliament's delegation met the Speaker of the "
            "Assembly in Vilnius, the press service said.")
    meta = extract_document(doc(text))[0]
    assert meta.publisher == "Baltic Wire" and meta.kind == "other"


def test_a_bylined_news_story_about_a_visit_is_not_a_press_release():
    text = ("Rapporteur to visit the region\n\n3 June 2019\n\nBy Lena Okafor\n\nThe rapporteur of the OSCE Parliamentary "
            "Assembly will visit Georgia in September, a delegation member told reporters.")
    meta = extract_document(doc(text))[0]
    assert meta.kind != "press_release" and meta.publisher != "OSCE Parliamentary Assembly"


def test_a_visit_without_dates_size_or_leader_is_still_a_visit_and_its_visitors_are_not_interlocutors():
    text = ("Assembly delegation in Tbilisi\n\nTBILISI, 9 May 2021 – A delegation of the OSCE Parliamentary Assembly "
            "visited Georgia this week. The delegation met with Foreign Minister David Kobalia and with "
            "OSCE Parliamentary Assembly Secretary General Anna Lind in Tbilisi.")
    (d,) = extract_document(doc(text))[1]
    assert (d.organisation, d.host_country, d.start_date, d.members, d.leader) == ("OSCE Parliamentary Assembly", "Georgia", None, None, None)
    assert [p.name for p in d.interlocutors] == ["David Kobalia"]


def test_one_explicit_view_does_not_make_the_whole_document_that_countrys_voice():
    text = NOTE + ("Policy experts in the United States see the new alliance talks as a concern. "
                   "North Korea remains a security threat on the peninsula, the paper says. "
                   "The relationship between South Korea and the United States keeps changing.")
    assert ("United States", "North Korea", "threat") not in tuples(text)
    assert not any(t == "South Korea" for _, t, _ in tuples(text))


def test_any_country_and_its_cities_come_from_the_gazetteers():
    text = ("Assembly delegation in Moldova\n\nCHISINAU, 6 May 2022 – A delegation of the OSCE Parliamentary Assembly "
            "visited Moldova from 3 to 5 May 2022 and held meetings in Chisinau and Balti. Moldovan officials told the "
            "delegation that Russia's military presence in the region is a serious concern.")
    meta, (d,), positions, _ = extract_document(doc(text))
    assert d.host_country == "Moldova" and d.places == ("Chisinau", "Balti")
    assert ("Moldova", "Russia", "concern") in {(p.holder, p.target, p.stance) for p in positions}


def test_a_surname_that_is_also_a_city_is_not_a_place():
    text = ("Visit to Japan\n\nTOKYO, 6 May 2022 – A delegation of the NATO Parliamentary Assembly visited Japan "
            "from 2 to 5 May 2022. In Tokyo the delegation met Defence Minister Kenji Osaka and Sakura Kobe, CEO of a shipyard.")
    (d,) = extract_document(doc(text))[1]
    assert d.places == ("Tokyo",)


def test_leaders_in_active_voice_and_with_a_nationality_label():
    base = ("Visit to Korea\n\nSEOUL, 9 May 2021 – A delegation of the OSCE Parliamentary Assembly visited South Korea "
            "from 3 to 7 May 2021. ")
    (d,) = extract_document(doc(base + "The delegation was chaired by Dutch MP Jan de Vries."))[1]
    assert (d.leader.name, d.leader.country) == ("Jan de Vries", "Netherlands")
    (d,) = extract_document(doc(base + "Maria Rossi (Italy), who co-led the delegation with a colleague, spoke first."))[1]
    assert (d.leader.name, d.leader.country) == ("Maria Rossi", "Italy")


def test_more_ways_of_meeting_people_and_link_lines_are_furniture():
    text = ("Visit to Korea\n\nSEOUL, 9 May 2021 – A delegation of the OSCE Parliamentary Assembly visited South Korea "
            "from 3 to 7 May 2021. The delegation exchanged views with Deputy Minister Kim Soo-hyun.\n\n"
            "Also Read | Minister Park Ji-won comments on trade\n")
    (d,) = extract_document(doc(text))[1]
    assert [p.name for p in d.interlocutors] == ["Kim Soo-hyun"]


def test_interview_participants_from_speaker_turns_and_interviewer_credit():
    text = ("The alliance after the election\n\n3 June 2022\n\nInterviewed by Lena Okafor\n\n"
            "Lena Okafor: How do officials in Seoul see the new government in Tokyo?\n\n"
            "Kim Min-ji: They see Japan as a partner, though frictions over history remain.\n\n"
            "Lena Okafor: And the North?\n\nKim Min-ji: Pyongyang's missiles remain the main worry.\n")
    meta = extract_document(doc(text))[0]
    assert meta.kind == "interview"
    assert meta.authors == ("Lena Okafor", "Kim Min-ji")


def test_mojibake_does_not_hide_actors_and_quotes_stay_raw():
    raw = "Japanese officials are concerned about RussiaÂ’s military drills near the islands."
    text = NOTE + raw + "\n"
    positions = extract_document(doc(text))[2]
    (p,) = [p for p in positions if p.target == "Russia"]
    assert p.stance == "concern" and p.evidence.quote == raw == text[p.evidence.start:p.evidence.end]


def test_history_is_a_lower_bound_not_the_date_and_a_guessed_year_is_not_given_to_a_visit():
    from flows.extract.documents import inferred_date, lower_bound

    assert lower_bound("Cooperation has grown since the 1998 accord, and the talks began in 2003. They go on.") is None
    assert lower_bound("In 2019 the partners met again, years after the 2015 deal.") == "2019"
    # a year named as a past fact says the text is not older; it does not date it
    assert inferred_date("In 2019 the partners met again, years after the 2015 deal.") is None
    assert inferred_date("Heading into 2019, the partners meet again.") == "2019"
    text = ("Parliamentarians visit Korea\n\nA delegation of the OSCE Parliamentary Assembly visited South Korea "
            "from 3 to 7 May. Talks have continued since the 2004 agreement.")
    (d,) = extract_document(doc(text))[1]
    assert d.start_date is None and d.end_date is None


def test_a_quote_parted_by_a_column_break_carries_both_pieces():
    left = ["Japanese officials are worried about", "the naval drills of China near the", "islands, the ministry said today."]
    right = ["The alliance with the United States", "remains the core of its defence", "policy, analysts agree."]
    text = NOTE + "\n\n".join(x for pair in zip(left, right) for x in pair) + "\n"
    positions = extract_document(doc(text))[2]
    (p,) = [p for p in positions if p.target == "China"]
    pieces = [p.evidence, *p.more_evidence]
    assert [e.quote for e in pieces] == left[:2]
    assert all(text[e.start:e.end] == e.quote for e in pieces)
    assert p.shown_quote == "Japanese officials are worried about … the naval drills of China near the"


def test_a_weekday_dateline_without_a_year_takes_the_year_the_weekday_allows():
    story = ("Ministers back a wider border mission\n\nOSLO, {day} (Wire) -\n\n"
             "The ministers met to review the plan agreed in 2009. The 2014 budget of the mission was approved.\n")
    assert stated_date(story.format(day="Thursday, October 9")) == "2014-10-09"  # a Thursday in 2014
    assert stated_date(story.format(day="Friday, October 9")) == "2015-10-09"  # in 2015, the year after
    assert stated_date(story.format(day="Tuesday, October 9")) is None  # neither year: no date rather than a guess
    assert stated_date(story.format(day="Monday 6 October")) == "2014-10-06"
    # a world event the text recalls is no year it was written in: texts recall an annexation for years
    recalled = "Envoys meet again\n\nOSLO, Friday, January 31 (Wire) -\n\nThe envoys spoke of the annexation of Crimea.\n"
    assert stated_date(recalled) is None


def test_dated_anchors_reach_beyond_east_asia_and_are_lower_bounds_only():
    from flows.extract.documents import inferred_date, lower_bound

    assert lower_bound("Chancellor Scholz told the Bundestag the Strategic Compass still guides the bloc.") == "2022-03"
    assert lower_bound("Officials spoke after Finland joined NATO and before the Vilnius Summit.") == "2023-07"
    # a modal "may" after a title is no anchor; a summit held in several years anchors nothing
    assert lower_bound("The Prime Minister may travel to the Madrid Summit of the alliance in 1997.") == "1997"
    # an anchor the text calls new, or one it calls upcoming, dates it; a bare leader's name does not
    assert inferred_date("Chancellor Scholz told the Bundestag the Strategic Compass still guides the bloc.") is None
    assert inferred_date("Ministers discussed the newly adopted Strategic Compass.") == "2022-03"
    assert inferred_date("Officials prepared the upcoming Vilnius Summit.") == "2023"


def test_the_visiting_organisation_is_the_delegations_not_the_assembly_it_visits():
    text = ("TURKPA delegation attends session in Vienna\n\nVienna, 22 February 2024 –\n\n"
            "A delegation of the Parliamentary Assembly of Turkic States took part in the Winter Meeting of the "
            "OSCE Parliamentary Assembly during a visit to Vienna from 20 to 22 February 2024. The OSCE PA session gathered some 250 members. "
            "In the margins, the delegation met the OSCE PA President and discussed the OSCE PA agenda on connectivity.\n")
    meta, delegations, _, _ = extract_document(doc(text))
    assert [d.organisation for d in delegations] == ["Parliamentary Assembly of Turkic States"]
    # the release of an assembly about its own delegation is that assembly's, however often it names another
    assert publisher_of(text, "press_release") == "Parliamentary Assembly of Turkic States"


def test_a_threat_about_an_actor_outranks_a_concern_about_it():
    assert tuples(NOTE + "Japan is concerned that North Korea poses a direct threat to the region.") == {
        ("Japan", "North Korea", "threat")}
    # a concern about one actor and a threat about another stay apart
    assert tuples(NOTE + "Japan is concerned about China and sees North Korea as a threat.") == {
        ("Japan", "China", "concern"), ("Japan", "North Korea", "threat")}


def test_the_country_of_the_quoted_official_holds_the_view():
    assert tuples(NOTE + "China is the main threat to the region, said Anna Berg, Sweden's foreign minister.") == {
        ("Sweden", "China", "threat")}
    assert tuples(NOTE + "Russia poses a threat to Europe, Polish Defence Minister Jan Nowak said on Monday.") == {
        ("Poland", "Russia", "threat")}
    # an official who is met, not quoted, holds nothing; nor does the one met by the speaker
    assert tuples(NOTE + "The French president met the Chinese ambassador, who warned of tensions with India.") == set()


def test_items_of_a_list_take_the_holder_of_the_line_that_introduces_it():
    listed = NOTE + ("Danish officials summed up the regional picture:\n\n"
                     "- Threat: Russia, whose aircraft keep testing the airspace.\n"
                     "- Partnership: Norway and Finland, through joint patrols.\n\n"
                     "The meeting then turned to fisheries.\n"
                     "- Iran was named a threat by several guests.\n")
    assert tuples(listed) == {("Denmark", "Russia", "threat"), ("Denmark", "Norway", "partner"), ("Denmark", "Finland", "partner")}
    numbered = NOTE + "Canada's assessment of the Arctic:\n1. Russia remains a threat.\n2. Norway is a close partner.\n"
    assert tuples(numbered) == {("Canada", "Russia", "threat"), ("Canada", "Norway", "partner")}


def test_bare_initials_open_a_name_and_a_headline_verb_ends_one():
    from flows.extract.people import people

    assert [(p.name, p.role) for p in people("The group met Defence Minister K Ramesh in the capital.")] == [("K Ramesh", "Defence Minister")]
    assert [(p.name, p.role) for p in people("Speaker Lena Holm Meets Visiting Delegation")] == [("Lena Holm", "Speaker")]
    assert people("A Delegation of the assembly toured the port.") == []


def test_bodies_stop_before_listed_people_and_the_hosts_committees_are_not_visitors():
    from flows.extract.delegations import bodies_of
    from flows.extract.text import sentences

    assert bodies_of(sentences("Members of the Committee on Regional Affairs Lena Holm and Piet Maas visited Riga.")) == [
        "Committee on Regional Affairs"]
    assert bodies_of(sentences("In Riga the delegation met the Defence Committee.")) == []
    assert bodies_of(sentences("Members of the Committee on Human Rights and Democracy visited Riga.")) == [
        "Committee on Human Rights and Democracy"]
    lower = "A delegation of six members of the European Parliament's delegation for relations with Canada travelled to Ottawa."
    assert bodies_of(sentences(lower)) == ["Delegation for relations with Canada"]  # written in lower case inside a sentence
    office = "Jan Berg, vice chairman of the Saeima Foreign Affairs Committee, hosted a meeting with the visiting delegation in Riga."
    assert bodies_of(sentences(office)) == []  # the host's officer's committee, named as his office
    chair = ("The minister met a delegation of the Baltic Assembly, which included Chairman of its Sub-Committee on Energy "
             "Security and Grid Connections Ola Berg, and exchanged views.")
    assert bodies_of(sentences(chair)) == ["Sub-Committee on Energy Security and Grid Connections"]  # the body ends before its chair
    assert bodies_of(sentences("Members of the Committee on Human Rights visited Riga.")) == ["Committee on Human Rights"]
    thanks = "The head of the delegation thanked the Latvian Delegation for Secretary General Berg’s strong remarks in Riga."
    assert bodies_of(sentences(thanks)) == []  # "Delegation for <someone's remarks>": thanks, not a standing body
    quoted = "In Riga she said: “Latvia is ready to lead the Committee of Senior Officials next year,” the delegation reported."
    assert bodies_of(sentences(quoted)) == []  # a body inside someone's quoted words is not the visitors'


def test_more_outlets_and_institutes_with_their_acronyms():
    story = "Talks resume in the capital\n\nVILNIUS (RFE/RL) - Lithuania sees Russia as a threat, officials said on 4 May 2023.\n"
    meta = extract_document(doc(story))[0]
    assert (meta.publisher, meta.kind) == ("Radio Free Europe/Radio Liberty", "other")
    assert publisher_of("Commentary\n\nRUSI\n\nThe alliance faces a choice about its eastern flank.\n", "analysis") == \
        "Royal United Services Institute"
    assert publisher_of("TOKYO (Kyodo) - Ministers met on Friday.\n", "other") == "Kyodo News"


def test_government_bodies_without_a_ministrys_shape_publish_their_own_releases():
    statement = ("European External Action Service\n\nStatement by the Spokesperson on the strait\n\n14 April 2024\n\n"
                 "The European Union is concerned about the military drills near the island.\n")
    meta = extract_document(doc(statement))[0]
    assert meta.publisher == "European External Action Service" and meta.kind != "analysis"
    assert meta.title == "Statement by the Spokesperson on the strait"  # the date below is the headline's, not the masthead's
    release = ("AIT\n\nPress release\n\nDirector meets legislators\n\n3 May 2023\n\n"
               "The director received a delegation of lawmakers and discussed trade.\n")
    assert extract_document(doc(release))[0].publisher == "American Institute in Taiwan"
    # named in running text, a government body is not the publisher of a story about it
    story = ("Talks on tariffs stall\n\nBy Dana Reyes\n\n2 June 2024\n\nOfficials told the European Commission that "
             "the talks would resume. The White House gave no comment.\n")
    assert extract_document(doc(story))[0].publisher not in ("European Commission", "The White House")


def test_every_outlet_alias_is_a_whole_name_not_a_piece_of_one():
    from flows.extract.publishers import outlets

    # a name with a comma in a YAML list splits into pieces ("Foreign"), which would then match alone
    assert outlets().names.get("Foreign") is None
    assert outlets().known("Foreign, Commonwealth and Development Office") == "Foreign, Commonwealth & Development Office"
