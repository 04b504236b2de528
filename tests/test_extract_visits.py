"""Visits worded as real releases, wire stories and delegation reports word them (texts written
for these tests): who travels, who leads, how many, where, and whom they met."""

from flows.extract import extract_document
from flows.extract.people import people
from flows.models import SourceText


def run(text: str):
    return extract_document(SourceText(id="v", path="v.txt", sha256="0" * 64, encoding="utf-8", text=text))


def visit(text: str):
    (d,) = run(text)[1]
    return d


def test_a_national_parliaments_members_at_an_assemblys_session_abroad():
    d = visit("RIGA. BALTINFO - In the Danish capital of Copenhagen Latvian MPs headed by A.Berzins, chairman of the Committee on "
              "Defence of the Saeima, are taking part in the session of the Nordic Council. The delegation includes members of the "
              "Saeima V.Ozols and G.Kalns. The session is attended by about 200 delegates. The Latvian delegates met with the "
              "speaker of the Danish parliament Karin Holm.")
    assert d.organisation == "Parliament of Latvia" and d.host_country == "Denmark" and d.places == ("Copenhagen",)
    assert (d.leader.name, d.leader.country) == ("A.Berzins", "Latvia")
    assert d.members == 3  # the leader and the two members listed, not the session's 200 delegates
    assert [p.name for p in d.interlocutors] == ["Karin Holm"]


def test_leaders_after_an_office_listed_as_chair_or_named_as_the_hosts_are_told_apart():
    d = visit("VILNIUS, 3 May 2019 – A delegation led by Nordic Council President Eva Lind (Norway) visited Lithuania and met "
              "Foreign Minister Jonas Petraitis.")
    assert (d.leader.name, d.leader.country) == ("Eva Lind", "Norway")
    report = ("Report of the 12th Interparliamentary Meeting\n\nRiga, 3 - 5 May 2011\n\nThe European Parliament's Delegation visited Latvia from 3 to 5 May 2011. "
              "Seven Members participated: Chair Jan Berg (EPP, SE), Vice-Chair Ana Costa (S&D, PT), Mark Hill (ECR, UK). "
              "The Latvian Delegation was led by Mr. Ozols, Chairman of the Foreign Affairs Committee.")
    d = visit(report)
    assert (d.leader.name, d.leader.country, d.members) == ("Jan Berg", "Sweden", 7)
    assert d.places == ("Riga",)
    assert "Ozols" in [p.name for p in d.interlocutors]  # the host delegation's leader is someone met
    assert visit(report.replace("(EPP, SE)", "(MP, NI)")).leader.country is None  # a party or office note names no country


def test_a_ministers_trip_a_mulled_visit_and_one_persons_working_visit_are_no_delegations():
    assert run("ISLAMABAD: Foreign Minister Ali Khan on Thursday departed for a two-day visit to China. The Chinese side "
               "would be led by Foreign Minister Li Wen.")[1] == []
    assert run("The speaker mulls sending a delegation of lawmakers to Mongolia next year, officials said.")[1] == []
    assert run("The Speaker of Parliament of Serbia, who is in Strasbourg on a working visit, met the Secretary General of "
               "the Parliamentary Assembly of the Council of Europe (PACE).")[1] == []


def test_sub_groups_counts_are_not_the_delegations_size_and_bodies_keep_their_acronyms():
    d = visit("A Delegation of Members of the European Parliament visited Chile from 4 to 6 May 2024, comprised of MEPs from the "
              "Delegation for Relations with Mercosur (D - MER) and the Sub-Committee on Security and Defence (SEDE). The D - MER "
              "comprising 9 MEPs was headed by Ana Costa and the SEDE comprising 4 MEPs was headed by Jan Berg.")
    assert d.members is None
    assert set(d.bodies) == {"Delegation for Relations with Mercosur (D - MER)", "Sub-Committee on Security and Defence (SEDE)"}


def test_people_named_in_anothers_phrase_the_visitors_and_meetings_that_did_not_happen_are_not_met():
    d = visit("SEOUL, 9 May 2021 – A delegation of the OSCE Parliamentary Assembly visited South Korea from 3 to 7 May 2021. "
              "Peace is a priority of the government of President Lee Min-ho as Vice Minister Kim Soo-hyun pointed out. "
              "A meeting with Defence Minister Park Ji-won did not materialize.")
    assert [p.name for p in d.interlocutors] == ["Kim Soo-hyun"]
    d = visit("SEOUL, March 9 (Yonhap) -- Deputy Speaker Chung Min-ho, two lawmakers of the ruling party and three lawmakers of "
              "the opposition will visit Belgium from March 27-31, officials said.")
    assert d.host_country == "Belgium" and d.interlocutors == ()


def test_names_in_every_latin_script_and_a_role_before_a_comma():
    found = {p.name: p.role for p in people("On 3 May, the Minister of Foreign Affairs of Latvia, Edgars Rinkēvičs, welcomed "
                                           "Prime Minister of Lithuania Ingrida Šimonytė to Riga.")}
    assert found == {"Edgars Rinkēvičs": "Minister of Foreign Affairs of Latvia", "Ingrida Šimonytė": "Prime Minister of Lithuania"}


def test_places_a_misspelt_capital_and_a_run_before_a_date():
    d = visit("MOSCOW, 13 March 2013 – A delegation of the OSCE Parliamentary Assembly met ministers after a day of meetings in "
              "the capital Ulanbatar during a three-day visit to Mongolia.")
    assert d.places == ("Ulanbatar",)
    d = visit("Co-rapporteurs of the PACE are in Tbilisi on December 8-10 for a fact-finding visit to Georgia.")
    assert (d.organisation, d.host_country, d.places) == ("Parliamentary Assembly of the Council of Europe", "Georgia", ("Tbilisi",))


def test_the_documents_own_voice_holds_its_we_and_our():
    report = ("Delegation Reports\n\nParliamentary Delegation to Chile\n\nI present the report of the Norwegian parliamentary "
              "delegation to Chile from 3 to 9 April 2013. Our relationship with Chile is at its highest point and very strong.")
    assert ("Norway", "Chile", "partner") in {(p.holder, p.target, p.stance) for p in run(report)[2]}
    interview = ("Interviews\n\nINTERVIEW // Latvian foreign minister says the region is resilient\n\n"
                 "DAILYNEWS: How does Russia interfere?\n\nAnna Berzina: Russia's hybrid attacks on our power grid are a threat to our democracy.\n\n"
                 "DAILYNEWS: And the alliance?\n\nAnna Berzina: We count on it.\n")
    meta, _, positions, _ = run(interview)
    assert meta.kind == "interview"
    assert ("Latvia", "Russia", "threat") in {(p.holder, p.target, p.stance) for p in positions}


def test_a_parliament_at_home_goes_on_no_visit():
    assert run("WASHINGTON - A bipartisan group of U.S. senators asked the Speaker to invite the Japanese prime minister to "
               "address Congress during his official visit to Washington in April.")[1] == []


def test_a_first_person_delegation_report_its_leader_staff_and_the_country_it_names_in_full():
    d = visit("House debates\n\nWednesday, 4 May 2022\n\nDelegation Reports\n\nParliamentary Delegation to the Republic of Chile\n\n"
              "I present the report of the New Zealand parliamentary delegation to the Republic of Chile, 3 to 9 April 2022.\n\n"
              "The members of the delegation were Ms Ana Reyes MP; Mr Tom Hale MP; Ms Lena Ward, delegation secretary; and myself, "
              "Mark Olsen, member for Taupo and leader of the delegation. We met with our Ambassador to Chile, Jo Best, and her "
              "deputy, Dr Sam Cole. We ventured into Santiago and Valparaiso to meet business leaders.")
    assert d.host_country == "Chile" and d.organisation == "Parliament of New Zealand"
    assert d.leader.name == "Mark Olsen" and d.members == 3  # the secretary is staff, not a member
    assert "Delegation to the Republic of Chile" not in d.bodies  # this visit, not a standing body
    assert not {p.name for p in d.interlocutors} & {"Jo Best", "Sam Cole"}  # our own embassy's people
    assert set(d.places) == {"Santiago", "Valparaiso"}


def test_visiting_demonyms_are_the_visitors_and_a_country_named_as_visited_is_the_host_not_a_place():
    d = visit("Despite pressure, visiting Danish lawmakers said on Friday they want closer ties. Anna Holm and four Danish parliamentary "
              "colleagues wrapped up their five-day visit to Singapore, where the Folketing delegation met Speaker Tan Wei.")
    assert d.host_country == "Singapore" and "Singapore" not in d.places


def test_a_parliamentary_delegation_of_a_country_at_an_assemblys_session_in_a_city_abroad():
    d = visit("Parliamentary delegation of Norway speaks at the Nordic Council\n\nTuesday, March 4\n"
              "The Parliamentary Delegation headed by Ola Berg takes part in the Nordic Council session in Helsinki.\n\n"
              "The Norwegian delegation raised the question of fishing quotas, Ola Berg said.\n")
    assert d.organisation.endswith("Norway") or d.organisation == "Storting"
    assert (d.host_country, d.places) == ("Finland", ("Helsinki",))
    assert (d.leader.name, d.leader.country) == ("Ola Berg", "Norway")


def test_a_person_first_named_as_the_host_who_invited_is_met_where_the_talks_are_told():
    d = visit("A delegation of the Bundestag led by Speaker Jonas Keller ended its official visit to Norway on 4 May, at the invitation "
              "of Norwegian Storting President Kari Dahl. During the visit, the delegation held talks with Norwegian Storting President Kari Dahl.")
    assert [p.name for p in d.interlocutors] == ["Kari Dahl"]
    d = visit("A delegation of the Bundestag led by Speaker Jonas Keller ended its official visit to Norway on 4 May, at the invitation "
              "of Norwegian Storting President Kari Dahl. Kari Dahl later said the talks had been useful.")
    assert [p.name for p in d.interlocutors] == []  # said later, not met in the text


def test_a_person_named_as_the_possessor_of_another_visit_was_not_met():
    d = visit("A delegation of the Bundestag visited Norway on 3 May. The delegation met Speaker Kari Dahl and said the talks "
              "built on Norwegian Prime Minister Ola Berg’s state visit to Germany in March.")
    assert [p.name for p in d.interlocutors] == ["Kari Dahl"]


def test_a_set_the_leader_belongs_to_is_no_head_count_and_another_trip_is_no_meeting():
    d = visit("Led by Dutch MEP Anna de Vries, who was among five lawmakers sanctioned by Moscow in March, the group is the first "
              "delegation of the European Parliament to Norway. The seven-member group will meet Prime Minister Kari Dahl during the visit. "
              "Moscow reacted angrily when French senators visited Norway last month and during recent visits by Norwegian Foreign "
              "Minister Ola Berg to Latvia.")
    assert d.members == 7
    assert [p.name for p in d.interlocutors] == ["Kari Dahl"]
    d = visit("French MEP Anna Morel told Norwegian Prime Minister Kari Dahl that the European Parliament had sent a delegation "
              "to Norway. Morel, the head of the delegation, spoke of the fishing quotas.")
    assert d.leader.name == "Anna Morel"  # the label "MEP" is no part of her name


def test_an_organisation_whose_speaker_the_delegation_met_is_not_the_one_visiting():
    text = ("Mr BERG (Nordland): I present the report of the parliamentary delegation to Iceland from 3 to 9 May 2016. "
            "Among our appointments, the delegation had the honour of meeting the Speaker of the Althing and the Speaker of "
            "the Bundestag, who was visiting Reykjavik at the time.")
    assert all(d.organisation != "Bundestag" for d in run(text)[1])


def test_a_head_count_with_a_demonym_and_the_source_of_news_of_a_planned_visit():
    d = visit("A delegation of 31 bipartisan Norwegian parliamentarians visited Iceland on 3 May to attend the inauguration.")
    assert d.members == 31
    d = visit("Starting on Sunday, Ola Berg, a member of the Storting, is to lead a delegation of Norwegian lawmakers to Iceland "
              "for a three-day visit, association Deputy Secretary-General Kari Dahl said.")
    assert d.interlocutors == ()  # who announced the trip was not met on it


def test_the_hosts_parliament_named_in_an_interlocutors_office_keeps_him_met():
    d = visit("OSLO, 22 April 2013 – A delegation of the OSCE Parliamentary Assembly is on a visit to Norway. The delegation has "
              "meetings scheduled in Oslo with Prime Minister Kari Dahl and President of the Storting Ola Berg.")
    assert [p.name for p in d.interlocutors] == ["Kari Dahl", "Ola Berg"]


def test_a_leader_heading_or_leading_the_delegation_by_surname_or_after_an_office():
    d = visit("Senator Jo Park made the case in Oslo. Park is heading a seven-member delegation of the Australian Senate to Norway "
              "on a five-day visit.")
    assert d.leader.name == "Jo Park"
    d = visit("Security will be the focus of the 3-6 May visit to Norway, with Committee on Foreign Affairs and Defence member "
              "Ana Holm leading the delegation of the Bundestag.")
    assert d.leader.name == "Ana Holm" and "Foreign Affairs" not in d.leader.name
    d = visit("A delegation of the Bundestag arrived in Norway on Monday. It is led by former President of the Committee of "
              "Petitions Lena Vogt and will meet Foreign Minister Ola Berg.")
    assert (d.leader.name, d.leader.role) == ("Lena Vogt", "former President of the Committee of Petitions")
    d = visit("From May 3 to 5, the institute welcomed a delegation of members of the Bundestag, led by Dr. Jonas Keller, "
              "Deputy Chairman of the Greens parliamentary group, to Norway.")
    assert (d.leader.name, d.leader.role) == ("Jonas Keller", "Deputy Chairman of the Greens parliamentary group")
    assert "Jonas Keller" not in [p.name for p in d.interlocutors]
    d = visit("Jan Berg (R), chairman of the Storting Standing Committee, meets with Ola Dahl, a member of the Bundestag who heads "
              "a delegation of German lawmakers, in Oslo on 3 May 2021.")
    assert d.leader.name == "Ola Dahl"  # "who heads a delegation"; "Standing Committee" is no name


def test_a_body_before_its_chairs_name_is_the_hosts_and_a_planned_trip_names_no_body():
    d = visit("A delegation of the Bundestag will visit Norway on 3-6 May, with a dinner with Foreign Minister Ola Berg and "
              "Human Rights Commission Chairwoman Kari Dahl. The Bundestag's Defence Committee plans to visit next year.")
    assert d.bodies == ()


def test_the_visitors_own_country_named_most_gives_way_to_a_dateline_abroad():
    d = visit("OSLO, Norway — The United States Congressional Delegation (CODEL) reaffirmed the US commitment to the US-Norway "
              "alliance, the US embassy said. The CODEL, composed of US Senators Jo Ray, Al Poe and Kim Lee, met Foreign Minister "
              "Ola Berg during a meeting in Oslo on Monday. The US senators praised US-Norway ties.")
    assert d.host_country == "Norway" and d.organisation == "United States Congress" and d.members == 3
    assert "Oslo" in d.places
    at_home = run("WASHINGTON — A group of U.S. senators asked the Speaker to invite the Norwegian prime minister to address "
                  "Congress during his visit in May. The senators said the US alliance with Norway matters.")[1]
    assert at_home == []


def test_legislators_from_a_country_size_words_and_a_gazetteer_city_with_its_diacritics():
    d = visit("Six senators from Canada visited Oslo on Monday for talks with the Prime Minister of Norway, Ola Berg.")
    assert d.organisation == "Parliament of Canada" and d.host_country == "Norway"
    d = visit("A four-MEP strong delegation of the European Parliament, led by Chair Ana Berg (EPP, SE), will meet the Prime Minister in Chișinău "
              "on 24 June 2019 during a visit to Moldova.")
    assert d.members == 4 and d.places == ("Chisinau",)


def test_delegates_nationality_notes_are_not_the_host_and_bodies_they_meet_are_not_theirs():
    d = visit("Anna Holm (Sweden, EPP) and Kari Dahl (Norway, SOC), co-rapporteurs of the Parliamentary Assembly of the Council of "
              "Europe (PACE) for the monitoring of commitments by Georgia, will make a fact-finding visit to the country from 6 to 8 "
              "May 2023. In Tbilisi they are due to meet the Prime Minister and the Central Electoral Commission.")
    assert d.host_country == "Georgia" and d.places == ("Tbilisi",)
    assert "Central Electoral Commission" not in d.bodies


def test_a_cookie_notice_is_no_body_and_participants_listed_after_include_are_counted():
    d = visit("We use small files called cookies to ensure the quality of our services on this website, and you may change your "
              "browser settings at any time.\n\nCzech parliamentary delegation arrives in Chile\n\nCzech parliamentarians will meet "
              "Chilean senators during a visit to Santiago. Delegation participants include: Jan Novak, Eva Dvorak, Petr Svoboda.")
    assert d.members == 3 and d.host_country == "Chile"
    assert run("We use small files called cookies on this website.\n\nCzech parliamentary delegation arrives in Chile\n\nText.")[0].title \
        == "Czech parliamentary delegation arrives in Chile"


def test_a_national_parliaments_delegation_at_an_assemblys_session_abroad_and_its_companions():
    d = visit("ASTANA. KAZINFORM - The delegation of the Parliament of Mongolia headed by Chairman of the State Great Khural Batu "
              "Erdene is taking part in the winter session of the OSCE Parliamentary Assembly in Vienna. The delegation includes "
              "members Sukh Bat, Oyun Gerel.")
    assert d.organisation != "OSCE Parliamentary Assembly" and "Mongolia" in d.organisation
    assert d.host_country == "Austria" and d.leader and d.leader.name == "Batu Erdene"
    d = visit("ALMATY, 19 May 2021 – A delegation of the OSCE Parliamentary Assembly led by its President, Ana Berg (MP, Sweden), visited Kazakhstan. "
              "The President was accompanied in meetings in Almaty by her Special Representative, Jan Novak. "
              "On 19 May they met with the Chairman of the Senate, Erlan Ospanov.")
    names = {p.name for p in d.interlocutors}
    assert "Erlan Ospanov" in names and "Jan Novak" not in names


def test_arrived_yesterday_in_a_text_dated_to_the_day_and_the_day_the_stay_lasts_until():
    d = visit("Lawmakers from Chile begin visit to Korea\nPublished: 14 March 2019\n\nThe delegation of the National Congress "
              "of Chile, which arrived in Seoul yesterday, will stay in Korea until March 20 and will meet ministers. "
              "The group met Foreign Minister Park Min-jae on Thursday.")
    assert (d.start_date, d.end_date) == ("2019-03-13", "2019-03-20")
    d = visit("Lawmakers from Chile begin visit to Korea\nPublished: 14 March 2019\n\nThe delegation of the National Congress "
              "of Chile arrived in Seoul on March 12 and stays until 16 March.")
    assert (d.start_date, d.end_date) == ("2019-03-12", "2019-03-16")


def test_a_list_introduced_by_including_names_some_members_and_gives_no_count():
    text = ("SANTIAGO, 4 June 2021 - A delegation of the National Congress of Chile visited Peru. The delegation comprised "
            "deputies of all groups, including Ana Rojas (PS), Luis Mena (UDI) and Carla Soto (RN).")
    assert visit(text).members is None
    assert visit(text.replace("deputies of all groups, including ", "")).members == 3


def test_the_head_of_the_named_delegation_before_the_name_leads_it_unless_it_is_the_hosts():
    text = ("A delegation of the Storting visited Japan to discuss energy security. \"We agreed to deepen our dialogue,\" "
            "said the head of the Storting delegation, Anna Berg, after talks in Tokyo.")
    d = visit(text)
    assert (d.leader.name, d.leader.country) == ("Anna Berg", "Norway")
    assert visit(text.replace("Storting delegation", "Japanese delegation")).leader is None


def test_a_list_of_members_ends_at_its_verb_and_a_portfolio_is_no_member():
    d = visit("VIENNA, 1 April 2022 – A delegation of the OSCE Parliamentary Assembly, comprising President Ana Berg (Sweden), "
              "Vice-President and Special Representative on Combating Corruption, Marc Petit (France), and Secretary General "
              "Jon Holm, concluded a visit to the United States this week. The delegation met House Speaker Mary Stone.")
    assert d.members == 3
    assert [p.name for p in d.interlocutors] == ["Mary Stone"]


def test_a_country_whose_name_is_also_a_persons_is_the_host_after_a_visit_cue():
    d = visit("Speaker leads delegation to Jordan\nThe Speaker of the Storting led a delegation of the Storting to Jordan this weekend "
              "and met Foreign Minister Sami Haddad. Syria, Syria's war and Syria's refugees were discussed.")
    assert d.host_country == "Jordan"


def test_people_in_the_news_around_the_visit_were_not_met_and_members_places_are_no_members():
    d = visit("A delegation of the Storting led by Anna Berg visited Jordan and met Foreign Minister Sami Haddad. The meeting comes "
              "as the region watches Syria after Foreign Minister Lars Holm of Sweden brokered a ceasefire last week.")
    assert [p.name for p in d.interlocutors] == ["Sami Haddad"]
    d = visit("A delegation of the United States Congress led by Speaker Mary Stone visited Jordan. In addition to Stone, the delegation included "
              "Representatives Jo Hill of Ohio, Tom Reyes of West Virginia and Ann Park of New York.")
    assert d.members == 4
