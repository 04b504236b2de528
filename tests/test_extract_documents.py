"""Document metadata on shapes real pages have (texts written for these tests): titles ranked
and refused, dates the text gives itself, publishers named by credits, kinds told by shape."""

from flows.extract import extract_document
from flows.extract.documents import authors_of, kind_of, publisher_of, stated_date, title_of
from flows.extract.head import inferred_date
from flows.models import SourceText


def meta(text: str):
    return extract_document(SourceText(id="d", path="d.txt", sha256="0" * 64, encoding="utf-8", text=text))[0]


def test_widgets_captions_questions_and_cut_lines_are_not_titles():
    assert title_of("NUPI POLICY BRIEF • 12/2023\nBy Ola Berg\n\nThe two delegations met on Monday to review the quota "
                    "agreed last year and to prepare the winter season.") is None  # a series and its number
    assert title_of("A commemorative photo of Minister Ola Berg and Ambassador Kari Dahl\n\nOn May 3 the minister received "
                    "a courtesy call from the ambassador and they exchanged views on regional affairs at length.") is None
    assert title_of("Working PapersPublished on May 3, 2021 PDF Download\nfisheries,Arctic,Norway,Quotas\n\n"
                    "The two delegations met on Monday to review the quota agreed last year and to prepare the winter season.") is None
    assert title_of("+ ↺ − 14 px\n\nThe speaker received the visiting rapporteurs on Monday and discussed the coming vote at length.") is None
    assert title_of("(Ministry of Defence photo)\n\nThe minister flew to the islands on Friday to inspect the new radar site there.") is None
    assert title_of("Q: Why did the talks fail this spring?\n\nA: Both sides misread the other side and the mediators left early.") is None
    wrapped = ("On the margins of the spring session, the heads of the two delegations of\n"
               "Latvia and Lithuania met on 3 May.\nThe chairman of the assembly was present too.\n")
    assert title_of(wrapped) is None  # a hard-wrapped paragraph, not a headline
    assert title_of("Go to Mobile Version\n\nCoast guards agree on joint patrols\n\n4 May 2021\n\nText.") == "Coast guards agree on joint patrols"


def test_a_masthead_with_years_is_not_the_title_and_a_wrapped_title_is_joined():
    text = ("NORDIC COUNCIL 2019 - 2023\n\nSecretariat for relations with\n\nREPORT\n\n"
            "of the 12th Nordic-Baltic Parliamentary Meeting\n\nRiga & Tartu 3-6 May 2021\n\nA delegation of nine members travelled.")
    assert title_of(text) == "REPORT of the 12th Nordic-Baltic Parliamentary Meeting"
    m = meta(text)
    assert m.publisher == "Nordic Council"
    assert (m.date, m.date_basis) == ("2021", "inferred")  # the year of the visit the report is headed by


def test_a_title_repeated_by_its_breadcrumb_and_followed_by_its_date_outranks_a_notice():
    text = ("Our archive moved to a new address in May 2019\nHome > News > Ministers sign a pact on ports\n"
            "Ministers sign a pact on ports\n\nNews 12/2019\n\n3 June 2019\n\nThe ministers of the two countries met in the port city and signed.")
    assert title_of(text) == "Ministers sign a pact on ports"


def test_a_date_inside_a_sentence_of_the_body_is_not_the_texts_own_date():
    text = ("Report of the joint meeting\n\nThe meeting came in the run-up to the summit on 25 March 2014 "
            "and after the election of December 2013, which had changed the government.")
    assert stated_date(text) is None
    dateline = "Talks on water\n\nVIENTIANE, Laos, 9 April 2016 – The two ministers agreed on a river commission."
    assert stated_date(dateline) == "2016-04-09"
    caption = ("Talks on water\n\nThe ministers (left) shake hands in Vientiane on April 9, 2016, before the talks.\n\n"
               "The two ministers agreed on a river commission on Saturday.")
    assert stated_date(caption) == "2016-04-09"  # a photo caption's date
    glued = "Talks on water\n\nThe ministers in Vientiane, 1 April 2016VIENTIANE, 3 April 2016 – The two ministers agreed on a commission."
    assert stated_date(glued) == "2016-04-03"  # a caption ending on a date, run into the dateline


def test_a_leaders_name_or_a_planned_heading_does_not_date_a_text():
    text = "Visit planned\nPresident Lee Jae-myung announced on May 3 that envoys would travel."
    assert inferred_date(text) is None  # "planned" in the line above is not about the anchor
    # "new" qualifies the noun after it, not the anchor further on; "newly adopted … Resolution 2371" qualifies it
    assert inferred_date("Zhang said both sides would build a new type of major-country relations during President Xi Jinping's visit.") is None
    assert inferred_date("Russia voted for the newly adopted United Nations Security Council Resolution 2371 on Monday.") == "2017-08"


def test_agencies_named_in_datelines_and_credit_lines_publish_the_story():
    assert publisher_of("VILNIUS. BALTINFO - The minister said on Monday the border would stay closed.\n", "other") == "Baltinfo"
    assert publisher_of("SOFIA, MAY 3, NOVINAR. The speaker met the delegation.\n", "other") == "Novinar"
    assert publisher_of("(RIVERWIRE) - The two ministers met on Monday.\n", "other") == "RIVERWIRE"
    assert publisher_of("Talks end\n\nThe two speakers met in the capital and agreed to meet again.\n/Caspian Wire/\n", "other") == "Caspian Wire"
    assert publisher_of("Talks end\n\nThe two speakers met in the capital and agreed to meet again.\n\nDaily.Az\n", "other") == "Daily.Az"
    assert publisher_of("Associated PressLIMA, Peru — The president flew to the coast.\n", "other") == "Associated Press"
    assert publisher_of("Speaker to visit the North\n\nBy Yonhap\n\nThe speaker plans a trip.\n", "other") == "Yonhap"
    assert publisher_of("Interview\n\nTo mark the vote, the Sejong Institute presents below a talk with an analyst.\n", "interview") == "Sejong Institute"
    # a capital in the dateline is a place, not an agency
    assert publisher_of("TOKYO. The ministers met on Monday - and agreed.\n", "other") is None
    assert publisher_of("WASHINGTON, D.C. – The senators returned on Monday after talks abroad.\n", "other") is None
    # a news agency credited in parentheses where the story ends; an alliance so closing a line is no outlet
    assert publisher_of("Talks end\n\nThe two ministers met and agreed to meet again in the spring, the ministry said. (Yonhap)\n", "other") == "Yonhap"
    assert publisher_of("Talks end\n\nThe two ministers met and spoke of the summit of the alliance (NATO)\n", "other") is None


def test_interviews_are_told_by_their_shape_not_by_the_word():
    news = "Delegations meet in the capital\n\nIn his interview to a reporter, the head of the delegation said the talks went well."
    assert kind_of(news) != "interview"
    turns = ("A talk on the alliance\n\nLast week I spoke with journalist Ana Pereira about the alliance.\n\n"
             "AP: How are relations?\nKT: Good, on the whole.\n\nAP: And the bases?\nKT: A strain.\n")
    assert kind_of(turns) == "interview" and "Ana Pereira" in authors_of(turns)
    both = "Lena Holm was interviewed by Piet Maas.\nQ: Is the plan feasible?\nA: Not soon.\nQ: Why?\nA: Politics.\n"
    assert kind_of(both) == "interview" and set(authors_of(both)) == {"Lena Holm", "Piet Maas"}
    assert authors_of("Notes\n\nIn a telephone conversation with Prime Minister Olaf Berg the president spoke.") == []


def test_a_signed_piece_without_a_dateline_is_an_analysis_and_a_heading_is_no_author():
    text = "Why the strait matters\nOskar Lindqvist\nSecurity, Europe\nThe strait is narrow and its ports are busy all year."
    assert (authors_of(text), kind_of(text)) == (["Oskar Lindqvist"], "analysis")
    assert authors_of("Japan’s Harbour Problem\nNortheast Asia\nThe harbour is narrow.") == []
    news = "Ministers meet\nOskar Lindqvist\nHELSINKI — The ministers of the two countries met on Monday."
    assert kind_of(news) == "other"


def test_a_photo_caption_with_its_credit_is_not_the_title():
    text = ("The prime minister speaks at a news conference in his office on Monday. Photo: Jan Berg, Pool via Wire\npolitics\n\n"
            "Lawmakers ask the prime minister to address parliament\n\nWASHINGTON\n\nA group of senators asked the speaker.")
    assert title_of(text) == "Lawmakers ask the prime minister to address parliament"


def test_site_chrome_notes_link_rows_and_turns_are_not_titles():
    chrome = ("Enter the email address you registered with and we will send you a code.\n"
              "The password must be at least 10 characters long.\n"
              "Previous Page    Next Page\n\n"
              "Note: Where available, the printable version below shows the formatted record\n\n"
              "RADIO VOLNA: Is the alliance a threat to anyone at all?\n"
              "Secretary General Ana LOPEZ: No. We defend ourselves and nobody else, and we have always said so.\n")
    assert title_of(chrome) is None


def test_a_section_label_marks_a_short_title_and_an_outlet_signing_is_no_author():
    text = "[Editorial] Coast guard diplomacy\n\nBy Harbour Times\n\nPublished : May 3, 2022\n\nThe two navies met again.\n"
    assert title_of(text) == "[Editorial] Coast guard diplomacy"
    assert title_of("Coast guard diplomacy\n\nThe two navies met again near the strait on Monday morning.") is None
    m = meta("The Harbour Times\n\n" + text)
    assert "Harbour Times" not in m.authors


def test_an_office_and_a_capitalised_surname_label_the_turns_of_an_interview():
    text = ("RADIO VOLNA: Is the alliance a threat to anyone at all?\n"
            "NATO Secretary General Ana LOPEZ: No. We defend ourselves, and the aggressive actions we have seen of Russia concern us.\n"
            "RADIO VOLNA: And China?\n"
            "LOPEZ: We watch it closely and talk to it often.\n")
    m = meta(text)
    assert m.kind == "interview" and "RADIO VOLNA" not in m.authors
    positions = {(p.holder, p.target, p.stance) for p in extract_document(
        SourceText(id="d", path="d.txt", sha256="0" * 64, encoding="utf-8", text=text))[2]}
    assert ("NATO", "Russia", "concern") in positions


def test_a_dated_credit_in_a_dateline_names_the_outlet_before_its_agency():
    text = "PARIS (Harbour Daily News / Wire Agency - 4th May, 2022) A delegation of senators met the minister on Monday.\n"
    assert publisher_of(text, "other") == "Harbour Daily News"


def test_a_wire_credit_line_dates_the_page_and_station_chrome_yields_to_the_dated_headline():
    m = meta("Ports reopen after the storm\n\nSource: Harbour Wire| 2021-05-04 10:12:00|Editor: lin\nVideo PlayerClose\n\n"
             "The ports of the coast reopened on Tuesday after three days.")
    assert (m.date, m.date_basis) == ("2021-05-04", "stated") and "Video PlayerClose" not in m.authors
    text = ("96 Kbps\n64 Kbps\nCoast Radio FM 101\nBay Radio FM 88.5\nOpen news feed Close news feed\n"
            "Monitors to visit the islands\n2019-03-11 12:55:51\n\nTwo monitors of the assembly will visit the islands in May.")
    assert title_of(text) == "Monitors to visit the islands"


def test_a_file_photo_caption_below_the_body_does_not_date_it_and_an_outlet_may_sign_on_the_next_line():
    text = ("Speaker heads abroad for talks on trade\n\nBy\nHARBOUR NEWS\n\nSEOUL, Aug. 5 - The speaker left for a week of talks with his "
            "counterparts and ministers on trade and energy, his office said on Friday.\n"
            "The speaker speaks at a press conference at the assembly on July 28, 2022. (Pool photo)\n")
    m = meta(text)
    assert m.date_basis != "stated" and m.publisher == "Harbour News"


def test_a_lower_case_byline_and_an_executive_summary_make_a_brief():
    m = meta("Can the two coasts share one harbour?\n\nby Lena Ward\n\nExecutive Summary\n\n"
             "  • The two governments should consider a joint harbour authority.\n  • Trade would recover within a year.\n")
    assert m.authors == ("Lena Ward",) and m.kind == "policy_brief"


def test_a_caption_flattened_onto_the_dateline_leaves_the_date_readable():
    text = ("Assembly delegation visits Canada\n\n0304 photoThe delegation of the Assembly in front of the parliamentOTTAWA, 3 April 2023 – A delegation of "
            "the Assembly concluded a visit to Canada this week and met ministers.\n")
    assert meta(text).date == "2023-04-03"
    # lower case running on into capitals without a date and a dash is no dateline
    assert meta("Assembly delegation visits Canada\n\nThe delegation met the speakerOTTAWA, the ministers and others later in 2023.\n").date_basis != "stated"


def test_an_organisations_own_release_is_published_by_the_organisation_its_dateline_opens_on():
    text = ("President meets European Parliament officials\n\nSTRASBOURG, 24 October 2019 – OSCE PA President Ana Berg met "
            "the Vice President of the European Parliament. The European Parliament and the European Parliament's committee "
            "discussed joint observation work.\n")
    assert publisher_of(text, "press_release") == "OSCE Parliamentary Assembly"


def test_an_outlet_interviewing_is_no_author_and_who_sat_down_for_the_interview_is():
    text = ("Q&A: Former envoy looks back on the talks\n\nInstitute Board Member Ambassador Jo Kessler sat down for an interview "
            "with Lakeside College's Courier last month:\n\nLC: What should the next government do?\n\nJK: Talk more, and listen.\n")
    assert authors_of(text) == ["Jo Kessler"]


def test_a_browser_notice_is_page_furniture_not_the_title():
    text = ("Your web browser is no longer supported. To improve your experience update it here\n\n"
            "Ministers pledge closer naval ties\n\nThe two ministers met on Monday and agreed to hold joint drills next year.\n")
    assert meta(text).title == "Ministers pledge closer naval ties"


def test_most_read_and_top_of_the_week_widgets_are_no_titles():
    text = ("Monday, March 3, 2025\n\nTop 5 This Week\n\nMost Popular\n\nThe Northern Rim: Norway, Finland and the Arctic\n\n"
            "The patrols over the fjords have grown since the spring, and the two governments now share their radar pictures daily.\n")
    assert meta(text).title == "The Northern Rim: Norway, Finland and the Arctic"


def test_a_ministrys_name_heading_its_release_is_the_publisher_not_the_title():
    text = ("Minister in Seoul: the same questions for both regions\nRepublic of Estonia - Ministry of Defence\nUpdated 2024-05-02\n"
            "On 2 May, the Minister of Defence of Estonia met his Korean counterpart in Seoul and discussed cooperation on cyber defence.\n")
    m = meta(text)
    assert m.title == "Minister in Seoul: the same questions for both regions"
    assert m.publisher == "Republic of Estonia - Ministry of Defence"


def test_an_interview_introduced_as_someone_answering_someone():
    text = ("Anna Berg: \"Our committee matters more each year\"\n\nWhat does the committee really do? Anna Berg (EPP), chair of "
            "the committee, answers Tomas Lind.\n\nHow are the members of the committee chosen?\n\nThe groups nominate them and the "
            "plenary confirms the list at its first sitting after the elections.\n\nWhat are its main tasks?\n\nIt meets its "
            "counterparts every year and reports to the plenary on what the two sides agreed.\n")
    m = meta(text)
    assert m.kind == "interview" and m.authors == ("Anna Berg", "Tomas Lind")
    # someone answering reporters' questions in a news story makes no interview
    news = ("Minister answers critics\n\nThe minister, speaking in the capital, answers Tomas Lind and other critics of the plan in "
            "a statement. The plan will be debated on Monday and put to a vote on Friday by the whole chamber.\n")
    assert meta(news).kind != "interview"


def test_a_release_about_a_congressional_delegation_is_not_published_by_congress():
    body = ("Rep. Ann Lee (D-CA) led a congressional delegation that visited Norway from April 30 to May 2, 2019. "
            "The delegation met with Prime Minister Erna Solberg and toured the port of Bergen.\n")
    m = meta("Congressional Delegation Wraps Up Visit to Norway\n\nMay 3, 2019\n\n" + body)
    assert (m.publisher, m.kind) == (None, "other")  # an embassy's or a member's office's text: its issuer is not said
    labelled = meta("Congressional Delegation Wraps Up Visit to Norway\n\nMay 3, 2019\nPress Release\n\n" + body)
    assert (labelled.publisher, labelled.kind) == (None, "press_release")  # it says it is a release; whose, it does not


def test_a_line_in_capitals_is_site_chrome_when_a_headline_follows():
    text = ("MARKETS WORLD SPORT TECH\nFishing talks resume between Norway and Iceland in Oslo\n\n"
            "The two delegations met on Monday to review the quota agreed last year and to prepare the winter season.\n")
    assert title_of(text) == "Fishing talks resume between Norway and Iceland in Oslo"
    assert title_of("NORWAY AND ICELAND RESUME FISHING TALKS\n\nThe two delegations met on Monday to review the quota "
                    "agreed last year and to prepare the winter season.\n") == "NORWAY AND ICELAND RESUME FISHING TALKS"
    kicker = (" Oslo’s evolving fishing agenda\n\nNORWAY AND ICELAND RESUME THEIR\nTALKS ON THE FISHING QUOTAS\n"
              "The two delegations met on Monday to review the quota agreed last year and to prepare the winter season.\n")
    assert title_of(kicker) == "NORWAY AND ICELAND RESUME THEIR TALKS ON THE FISHING QUOTAS"  # a long headline in capitals


def test_a_hard_wrapped_wire_story_has_no_title_in_its_wrapped_lines():
    story = ("OSLO, May 4 (NTB): Speaker of the Parliament of Iceland Ola Berg will\n"
             "be leading a parliamentary delegation to Norway from May 6 to 9,\n"
             "for promoting bilateral parliamentary exchanges.\n"
             "The delegation is visiting on the invitation of the Speaker\n"
             "Storting President, Jan Holm,\n"
             "During this visit, the parliamentary delegation will call on\n"
             "the prime minister and the president of the Sami Parliament.\n")
    assert title_of(story) is None


def test_an_interview_by_a_reporter_with_an_official_names_both():
    text = ("Here is the transcript of an exclusive interview by NRK's Ola Berg with Norwegian Defence Minister Kari Dahl in Oslo.\n"
            "NRK: How does the test affect Norway?\nDahl: It is a threat to the whole region, and to us.\n"
            "NRK: What comes next?\nDahl: We will work with our allies on the response.\n")
    assert authors_of(text) == ["Ola Berg", "Kari Dahl"]


def test_a_byline_in_lower_case_under_the_headline_is_not_part_of_it():
    text = "Norway, Iceland Agree on Quotas\n\nby Ola Berg\n\nThe two delegations met on Monday to review the quota agreed last year.\n"
    assert title_of(text) == "Norway, Iceland Agree on Quotas"
    assert authors_of(text) == ["Ola Berg"]


def test_a_policy_brief_series_heading_a_signed_text_makes_it_a_policy_brief():
    text = ("NUPI POLICY BRIEF • 12/2023\nBy Ola Berg and Kari Dahl\n03.05.2023\nKey issues\n"
            "- Norway should deepen its cooperation with Iceland on fisheries.\n"
            "The two governments met on Monday to review the quota agreed last year and to prepare the winter season.\n")
    assert meta(text).kind == "policy_brief"


def test_an_editorial_under_its_breadcrumb_with_a_site_date_line():
    text = ("Home / Opinion / Editorials\n\nFishing quotas could lead Norway into a trap\n"
            "nordicdaily.no | Updated: 2019-03-04 10:15\n\n"
            "Norway's fisheries ministry is seeking by far its largest quota for the coming season, which will be the sixth rise in a row.\n")
    m = meta(text)
    assert (m.title, m.kind) == ("Fishing quotas could lead Norway into a trap", "analysis")


def test_an_interviewee_after_an_outlets_possessive_or_a_description():
    assert authors_of("Excerpts from interview with veteran Norwegian diplomat Kari Dahl\n\nQ: Why now?\n\nBecause the time is right.\n") == ["Kari Dahl"]
    text = ("Envoy says Oslo will keep talking\n\nIn an interview with Nordic Wire’s Ola Berg on Monday, ambassador Kari Dahl "
            "said the talks would go on.\n")
    assert "Ola Berg" in authors_of(text)


def test_an_outlets_bracketed_label_before_the_headline():
    m = meta("《TAIPEI TIMES》Norwegian lawmakers to visit Taiwan\n2025/12/17 03:00\n\nSeveral Norwegian lawmakers are scheduled to visit Taiwan this month, the ministry said.\n")
    assert (m.title, m.publisher) == ("Norwegian lawmakers to visit Taiwan", "Taipei Times")
