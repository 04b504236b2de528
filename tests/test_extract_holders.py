"""Who holds a view, on shapes of real wire stories, releases and analyses (texts written for
these tests). Precision first: most tests say what must not be extracted."""

from flows.extract import extract_document
from flows.models import SourceText

NEWS = "Ministers meet in the capital\n\nTALLINN (Baltic Wire) - "
BRIEF = "Regional outlook\n\nBy Jana Novak\n\n12 March 2021\n\n"


def tuples(text: str) -> set[tuple[str, str, str]]:
    doc = SourceText(id="h", path="h.txt", sha256="0" * 64, encoding="utf-8", text=text)
    return {(p.holder, p.target, p.stance) for p in extract_document(doc)[2]}


def test_the_clause_subject_of_a_stance_verb_or_state_holds_it():
    assert ("Estonia", "Russia", "concern") in tuples(NEWS + "Estonia warned against Russia's attempts to redraw the border on Monday.")
    assert ("Finland", "Russia", "concern") in tuples(NEWS + "Finland on Tuesday condemned Russia's drills near the islands.")
    assert ("Norway", "Russia", "concern") in tuples(NEWS + "Norway is deeply concerned about Russia's fleet in the north.")


def test_a_quoted_officials_country_comes_from_the_document():
    text = NEWS + ("Danish Defence Minister Karen Holm met her Chinese counterpart, Li Wen, on Friday. "
                   "Holm conveyed serious concerns about China's naval drills near the islands. "
                   "Li said the talks were frank.")
    got = tuples(text)
    assert ("Denmark", "China", "concern") in got
    assert not any(h == "China" for h, _, _ in got)  # the counterpart said nothing about anyone
    later = NEWS + ("Foreign Minister of Latvia Anna Berzina spoke in Riga on Monday. "
                    "She said Belarus's military build-up is a threat to the whole region.")
    assert ("Latvia", "Belarus", "threat") in tuples(later)


def test_a_felt_noun_belongs_to_the_demonym_or_possessor_before_it():
    got = tuples(NEWS + "The ministers met amid growing Polish concerns over Belarus's military build-up.")
    assert ("Poland", "Belarus", "concern") in got and not any(h == "Belarus" for h, _, _ in got)
    got = tuples(NEWS + "Turkey's objections to Greece's plans were raised again.")
    assert ("Turkey", "Greece", "concern") in got and ("Greece", "Turkey", "concern") not in got


def test_a_partnership_needs_a_named_partner_and_is_not_the_holders_when_another_enters_it():
    got = tuples(NEWS + "Norway says it will build new alliances despite Russia's objections.")
    assert ("Norway", "Russia", "partner") not in got
    got = tuples(NEWS + "Oslo is wary of Moscow strengthening ties with Beijing.")
    assert ("Norway", "China", "partner") not in got and ("Norway", "Russia", "concern") in got


def test_two_countries_partnership_is_held_by_both_unless_the_document_speaks_for_one():
    assert tuples(NEWS + "The Strategic Partnership between Chile and Peru was renewed on Monday.") == {
        ("Chile", "Peru", "partner"), ("Peru", "Chile", "partner")}
    assert tuples(NEWS + "Chile and Peru are close partners, the ministers said.") == {("Chile", "Peru", "partner"), ("Peru", "Chile", "partner")}
    brief = BRIEF + "Chilean officials stressed the Chile-Peru alliance. Chilean officials see Bolivia as a concern."
    assert ("Peru", "Chile", "partner") not in tuples(brief) and ("Chile", "Peru", "partner") in tuples(brief)
    # three together are no pair
    assert not tuples(NEWS + "A partnership between Chile, Peru and Ecuador was discussed.")


def test_questions_conditions_agendas_and_narrative_assert_no_view():
    assert tuples(BRIEF + "Finnish officials were asked: is Russia a threat to Finland?") == set()
    assert tuples(BRIEF + "If Russia attacks the Baltic states, Finnish officials say, the threat would be grave.") == set()
    assert tuples(NEWS + "The delegation will meet the president to exchange views on the threat posed by Russia.") == set()
    assert tuples(NEWS + "Tensions have risen as Russian and Estonian vessels clashed in the gulf.") == set()


def test_an_actor_in_object_position_or_an_adjective_of_origin_holds_and_is_nothing():
    got = tuples(NEWS + "The speaker of Lithuania met Latvian officials about the threat posed by Russia.")
    assert not any(h == "Latvia" for h, _, _ in got)
    got = tuples(NEWS + "Tokyo criticised the planned test of US-developed interceptors in the region.")
    assert ("Japan", "United States", "concern") not in got


def test_countries_that_say_and_offices_that_stand_for_them_hold_what_they_say():
    assert ("India", "China", "concern") in tuples(NEWS + "The Ministry of External Affairs said the face-off was a Chinese attempt to "
                                                         "unilaterally change the status quo in the area.")
    assert ("Japan", "China", "concern") in tuples(NEWS + "Tokyo said on Monday that the stand-off with China over the islands must end.")


def test_a_partnership_next_to_tensions_between_the_two_is_not_reported_as_one():
    assert ("Peru", "Chile", "partner") not in tuples(NEWS + "Tensions between Chile and Peru strained the partnership they once had.")
    got = tuples(NEWS + "A strong alliance between Chile and Peru is more important than ever in the face of Bolivia's provocations.")
    assert ("Chile", "Peru", "partner") in got and ("Peru", "Chile", "partner") in got


def test_a_pair_opening_a_sentence_holds_its_tie_whoever_reports_it():
    got = tuples(NEWS + "Despite Russian pressure, Chile and Peru say they want to expand bilateral collaboration, visiting Chilean senators said.")
    assert {("Chile", "Peru", "partner"), ("Peru", "Chile", "partner")} <= got
    assert not any(s == "partner" and "Russia" in (h, t) for h, t, s in got)
    # a pair that is not the subject stays the reporter's matter
    assert ("Peru", "Chile", "partner") not in tuples(NEWS + "Chilean officials said they value their partnership with Peru.")


def test_every_country_of_a_list_a_threat_is_to_is_threatened():
    got = tuples(BRIEF + "Iran's drone programme is a common threat to Israel, the United Arab Emirates and Saudi Arabia.")
    assert {("Israel", "Iran", "threat"), ("United Arab Emirates", "Iran", "threat"), ("Saudi Arabia", "Iran", "threat")} <= got
    assert not any(t in ("Israel", "United Arab Emirates", "Saudi Arabia") for _, t, _ in got)


def test_countries_answering_a_threat_hold_it_and_their_cooperation_is_not_with_the_threat():
    got = tuples(NEWS + "Greece and Cyprus are expanding naval cooperation in response to Turkey's growing threats.")
    assert ("Greece", "Turkey", "threat") in got and ("Cyprus", "Turkey", "threat") in got
    assert not any(t == "Turkey" and s == "partner" for _, t, s in got)


def test_a_possessors_task_force_or_spokesperson_holds_its_view():
    assert ("Vietnam", "China", "concern") in tuples(NEWS + "Hanoi's maritime task force accused Chinese vessels of ramming a fishing boat.")
    assert ("Philippines", "China", "concern") in tuples(
        NEWS + "The Philippines' foreign ministry spokesperson condemned China's blockade of the shoal.")


def test_tensions_framing_an_act_are_not_about_the_actors_before_them():
    got = tuples(NEWS + "Poland's Foreign Minister visits Lithuania amid rising tensions on the eastern flank.")
    assert ("Poland", "Lithuania", "concern") not in got
    assert ("Poland", "Russia", "concern") in tuples(NEWS + "Poland's Foreign Minister visits Lithuania amid rising tensions with Russia.")


def test_dangerous_conduct_is_a_concern_a_dangerous_country_a_threat():
    assert ("Vietnam", "China", "concern") in tuples(NEWS + "Vietnam said it was alarmed by the dangerous manoeuvres of China's coast guard.")
    assert ("Vietnam", "China", "threat") not in tuples(NEWS + "Vietnam said it was alarmed by the dangerous manoeuvres of China's coast guard.")


def test_a_concern_about_an_act_stays_a_concern_and_a_partnership_between_the_holder_and_another_is_held():
    got = tuples(NEWS + '"We share your concern about Iran\'s aggression in the Gulf," said Canadian Defence Minister Ana Roy.')
    assert ("Canada", "Iran", "concern") in got and ("Canada", "Iran", "threat") not in got
    got = tuples(NEWS + "Canadian Defence Minister Ana Roy met officials. Roy also stressed the enduring partnership between Chile and Canada.")
    assert ("Canada", "Chile", "partner") in got


def test_a_possessors_intention_or_commitment_holds_the_relation_it_names():
    assert ("Chile", "Peru", "partner") in tuples(NEWS + "The minister expressed Chile’s intention to deepen cooperation with Peru in the ports.")


def test_objections_dissatisfaction_reports_and_quoted_concerns_have_their_holders():
    assert ("China", "United States", "concern") in tuples(NEWS + "China firmly objects to US arms sales to the region, a spokesperson said.")
    assert ("China", "United States", "concern") in tuples(NEWS + "China expressed strong dissatisfaction with the United States' plan on Tuesday.")
    assert ("Japan", "China", "concern") in tuples(NEWS + "The minister conveyed Tokyo’s “serious concern” about Beijing’s drills near the islands.")
    assert ("Japan", "China", "concern") in tuples(NEWS + "A Japanese defence report has expressed grave concern over China's new air zone.")
    got = tuples(NEWS + "A Chinese spokesperson opposed arms sales to China's Taiwan region and official exchanges between the United States and Taiwan.")
    assert not any(h == "Taiwan" for h, _, _ in got)  # "official exchanges": an adjective, no Taiwanese officials


def test_an_organisation_a_country_joins_is_not_what_its_view_is_about_but_may_be_its_partner():
    got = tuples(NEWS + "Armenian officials said the use of force opposes Azerbaijan’s membership to the CoE.")
    assert ("Armenia", "Council of Europe", "concern") not in got
    assert ("Armenia", "Council of Europe", "partner") in tuples(
        NEWS + "Armenian President Aram Avetyan said the Council of Europe is an important partner for Armenia.")


def test_a_datelined_ministry_speaks_for_the_datelines_country_and_alarm_for_a_country_is_its_own():
    text = "Border row deepens\n\nHANOI: Foreign Ministry summoned the envoy and condemned violations by Chinese vessels near the reef."
    assert ("Vietnam", "China", "concern") in tuples(text)
    assert ("Vietnam", "China", "concern") not in tuples("Border row deepens\n\nForeign Ministry condemned violations by Chinese vessels.")
    assert ("Greece", "Turkey", "concern") in tuples(NEWS + "The incursions by Turkey are alarming for Greece, the spokesman said.")


def test_unlabelled_questions_and_answers_speak_for_the_office_the_answerer_names():
    text = ("Minister, is your country safer than its neighbours?\nWe are not safer or less safe, and we plan our defence with them.\n"
            "How dangerous is the situation on the eastern flank?\nThe aggressive actions of Russia worry us and we take them seriously.\n"
            "What could the troops be used for?\nThey cannot invade, but I am not just saying that as Estonian Defence Minister.\n"
            "Do you expect more drills?\nYes, and we will watch them closely together with our allies in the region.\n")
    doc = SourceText(id="q", path="q.txt", sha256="0" * 64, encoding="utf-8", text=text)
    meta, _, positions, _ = extract_document(doc)
    assert meta.kind == "interview"
    assert ("Estonia", "Russia", "concern") in {(p.holder, p.target, p.stance) for p in positions}


def test_another_actors_ally_is_no_partner_of_the_holder():
    got = tuples(BRIEF + "Finnish officials said: we all border Russia and its ally Belarus.")
    assert not any(s == "partner" for _, _, s in got)


def test_a_negation_does_not_reach_into_a_relative_clause_and_the_state_of_a_country_is_threatened():
    got = tuples(NEWS + "Israel said it will not allow Iran to build weapons that threaten the region.")
    assert ("Israel", "Iran", "threat") in got
    assert ("Israel", "Iran", "threat") not in tuples(NEWS + "Israel said Iran does not threaten the region.")
    assert ("Israel", "Iran", "threat") in tuples(NEWS + "Iran openly threatens, every day, to destroy the State of Israel.")


def test_it_and_its_take_the_country_the_previous_sentence_opened_with():
    assert ("Norway", "Russia", "concern") in tuples(NEWS + "Norway hosted the talks on Monday. It is deeply concerned about Russia's fleet.")
    assert ("Norway", "Russia", "threat") in tuples(NEWS + "Norway hosted the talks on Monday. It said the Russian fleet was a threat.")
    assert ("Estonia", "Russia", "threat") in tuples(
        NEWS + "Estonia recalled its envoy on Friday. Its foreign minister said Russia's drills were a threat.")
    # the navy, a report, a dummy "it": nobody's view
    assert not any(h == "Norway" for h, _, _ in tuples(NEWS + "Norway's navy hosted the drills. It is concerned about Russia's fleet."))
    assert tuples(NEWS + "The report on Norway came out on Monday. It is concerned about Russia's fleet.") == set()
    assert not any(h == "Norway" for h, _, _ in tuples(NEWS + "Norway hosted the talks. It comes after Russia denounced the drills."))


def test_this_or_it_framed_as_a_stance_is_the_previous_sentences_country():
    got = tuples(NEWS + "Russia massed troops near the border on Monday. Latvia sees this as a threat to the region.")
    assert ("Latvia", "Russia", "threat") in got
    got = tuples(NEWS + "Russia massed troops near the border on Monday. Latvia called it a provocation and a threat.")
    assert got == {("Latvia", "Russia", "threat")}  # the threat outranks the provocation
    # "this" about a report, or about nothing the text names: nobody
    assert tuples(NEWS + "A report came out on Monday. Latvia sees this as a threat to the region.") == set()


def test_the_country_where_an_act_happens_is_no_target():
    got = tuples(NEWS + "Estonia warned Russia against any destabilising action in Ukraine.")
    assert ("Estonia", "Russia", "concern") in got and ("Estonia", "Ukraine", "concern") not in got
    got = tuples(NEWS + "Estonia said Russia's saber-rattling jeopardizes Latvia's national security and threatens the region.")
    assert not any(t == "Latvia" for _, t, _ in got)  # what an act puts at risk is no target
    got = tuples(NEWS + "Estonia's leadership is worried about muscle flexing by Russia against Latvia, officials said.")
    assert not any(t == "Latvia" for _, t, _ in got)  # acted on, after "by Russia against"
    got = tuples(NEWS + "Experts in Estonia fear that in a war Russian forces may attack the US bases in Poland.")
    assert not any(t in ("United States", "Poland") for _, t, _ in got)  # attacked, and where the bases are: no concern


def test_a_pair_before_a_noun_is_a_meeting_of_both_not_one_countrys_official():
    text = NEWS + "Estonia is concerned about naval drills by Russia, its envoy said at the Finland-Russia Minister of Transport talks."
    got = tuples(text)
    assert ("Estonia", "Russia", "concern") in got
    assert not any(h == "Russia" for h, _, _ in got)  # "Russia Minister of …" inside "Finland-Russia …" is the talks' name


def test_a_threat_the_clause_denies_makes_no_one_its_receiver():
    got = tuples(NEWS + "The review did not call Russia a threat to Norway, but said Moscow's drills threaten stability in the north.")
    assert not any(h == "Norway" for h, _, _ in got)
    assert ("Norway", "Russia", "threat") in tuples(NEWS + "The review called Russia a threat to Norway on Monday.")
    got = tuples(NEWS + "There is no direct military threat to Norway or NATO, but provocations cannot be ruled out, the Norwegian defence minister said.")
    assert not any(t in ("Norway", "NATO") for _, t, _ in got)  # what a threat is to, denied or not, is no target


def test_a_possessors_own_tie_with_a_country_is_its_partnership():
    got = tuples(NEWS + "The ministers reviewed Canada's growing defence cooperation with Norway and Denmark on Monday.")
    assert {("Canada", "Norway", "partner"), ("Canada", "Denmark", "partner")} <= got
    assert ("Norway", "Canada", "partner") not in got  # one way: the text says whose tie it is


def test_a_partner_is_the_one_after_with_not_an_actor_the_clause_names_elsewhere():
    got = tuples(NEWS + "Estonia said it would curb Russia's cyber attacks and cooperate with the wider community to persuade Moscow to stop.")
    assert ("Estonia", "Russia", "partner") not in got
    got = tuples(NEWS + "Estonia said it would cooperate with Latvia, Lithuania and Finland on air defence.")
    assert {("Estonia", "Latvia", "partner"), ("Estonia", "Lithuania", "partner"), ("Estonia", "Finland", "partner")} <= got
    got = tuples(NEWS + "Estonia is deepening collaboration on cyber defence with other partners, such as Latvia and Finland.")
    assert {("Estonia", "Latvia", "partner"), ("Estonia", "Finland", "partner")} <= got
    got = tuples(NEWS + "Estonia said it would respond in cooperation with its ally, the United States, on Monday.")
    assert ("Estonia", "United States", "partner") in got  # the partner after an appositive


def test_strife_between_two_countries_is_nobodys_view_where_no_holder_is_named():
    report = "Delegation visits Norway\n\nOslo, 3 May 2021 - A delegation of the Bundestag visited Norway. "
    got = tuples(report + "The visit came at a time of tensions between Norway and Russia over the fishing zone.")
    assert ("Norway", "Russia", "concern") not in got


def test_a_pair_that_could_build_a_partnership_holds_none():
    got = tuples(BRIEF + "Hopes that Norway and Sweden could work together to build their own defence partnership have faded.")
    assert not any(s == "partner" for _, _, s in got)
    got = tuples(BRIEF + "Norway and Sweden have agreed to deepen their defence partnership.")
    assert {("Norway", "Sweden", "partner"), ("Sweden", "Norway", "partner")} <= got


def test_a_cue_inside_a_condition_or_a_tie_only_possible_asserts_nothing():
    got = tuples(NEWS + "Estonian officials said they were pleased that Finland wants peace with Russia if Russia rejects terrorism.")
    assert got == set()
    got = tuples(NEWS + "Estonia and its Latvian counterparts discussed possibilities of a strategic partnership between Estonia and Latvia.")
    assert not any(s == "partner" for _, _, s in got)
    assert ("Estonia", "Russia", "concern") in tuples(NEWS + "Estonia condemned Russia's drills in the region.")


def test_standing_with_a_country_and_a_defence_treaty_with_it_are_partnerships():
    got = tuples(NEWS + "Norway's defence minister said Oslo stood with Tallinn against what he called coercion, and stressed "
                        "its commitment to the mutual defence treaty with Estonia.")
    assert ("Norway", "Estonia", "partner") in got and ("Norway", "Estonia", "concern") not in got


def test_a_country_named_as_anothers_closest_partner_is_its_partner():
    assert ("European Union", "Norway", "partner") in tuples(BRIEF + "Norway is the EU’s closest strategic partner in the north.")


def test_an_editorial_speaks_for_its_outlet_not_for_the_country_it_is_about():
    text = ("Home / Opinion / Editorials\n\nNorway's quota plan sets a trap\n\n12 March 2021\n\n"
            "Norwegian officials said the quotas would rise again. Norway warned that the fleet is too small. Norwegian "
            "ministers insist on the plan. Russia deserves the strongest condemnation for its provocative drills.\n")
    assert not any(h == "Norway" and t == "Russia" and s == "concern" for h, t, s in tuples(text))


def test_a_threat_belongs_to_the_actor_that_threatens_or_poses_it():
    for sentence in ("Strong NATO deterrence is reducing the likelihood of Russia threatening Latvia, officials said.",
                     "The greater the deterrent effect of NATO in Latvia, the smaller the likelihood of Russia posing a threat to Latvia."):
        got = tuples(NEWS + sentence)
        assert ("Latvia", "NATO", "threat") not in got  # the deterrent is no threat; Russia, who threatens, is the target


def test_a_leader_named_without_a_country_speaks_for_it():
    assert ("Russia", "Ukraine", "threat") in tuples(NEWS + "President Putin said on Monday that Ukraine's army was a threat.")
    assert ("Turkey", "Greece", "concern") in tuples(NEWS + "Erdogan said Greece's naval drills were a provocation.")
    # named as the one criticised, the leader holds nothing
    got = tuples(NEWS + "Latvia criticised Putin over the drills near Belarus on Monday.")
    assert not any(h == "Russia" for h, _, _ in got)


def test_leaders_data_names_countries_and_surnames_once():
    from flows.extract.lexicon import actors, load

    seen: dict[str, str] = {}
    for country, entry in load("leaders").items():
        assert actors().kinds.get(actors().canonical(country)) == "country", country
        for name in entry["surnames"]:
            assert " " not in name and name[0].isupper() and seen.setdefault(name, country) == country, name


def test_it_opening_a_new_paragraph_refers_to_nobody():
    assert tuples(NEWS + "Norway hosted the talks on Monday.\n\nIt is deeply concerned about Russia's fleet.") == set()
    assert tuples(NEWS + "Russia massed troops near the border.\n\nLatvia sees this as a threat to the region.") == set()


def test_the_country_an_assault_or_blockade_falls_on_is_no_target_of_the_threat():
    got = tuples(NEWS + "Estonian Prime Minister Kaja Tamm told parliament that a Russian assault on Latvia would be a direct threat to Estonia.")
    assert ("Estonia", "Russia", "threat") in got
    assert not any(t == "Latvia" for _, t, _ in got)
    got = tuples(NEWS + "Estonia sees a Russian blockade of Lithuania as a threat to the whole region.")
    assert not any(t == "Lithuania" for _, t, _ in got)


def test_whom_an_act_or_a_threat_is_aimed_at_is_no_target_of_the_concern():
    got = tuples(NEWS + "Estonia and Finland on Monday criticised Russia for what they called reckless acts against Latvia in the Baltic Sea.")
    assert {("Estonia", "Latvia"), ("Finland", "Latvia")}.isdisjoint({(h, t) for h, t, _ in got})
    got = tuples(NEWS + "Finland voiced serious concern over Russia's coercive activities towards Estonia near the islands.")
    assert ("Finland", "Russia", "concern") in got and not any(t == "Estonia" for _, t, _ in got)


def test_every_country_of_a_coordinated_list_holds_the_view_its_last_member_holds():
    got = tuples(NEWS + "The defence ministers of Estonia, Latvia, Finland and the United Kingdom expressed concern over Russia's drills near the border.")
    assert {h for h, t, s in got if (t, s) == ("Russia", "concern")} == {"Estonia", "Latvia", "Finland", "United Kingdom"}
    assert not any(h == "Russia" for h, _, _ in tuples(NEWS + "Talks between Estonia, Latvia and Poland ended. Russia warned Estonia, Latvia and Poland against the drills."))


def test_who_shares_the_holders_subject_position_is_no_target_of_its_concern():
    text = NEWS + ('Estonian Foreign Minister Kaja Tamm met officials in Helsinki on Monday. "Both Finland and Estonia know full well '
                   'what it is like to live beside neighbours which engage in aggressive policies," Tamm said.')
    assert ("Estonia", "Finland", "concern") not in tuples(text)
    # an introductory phrase is no coordination: "For Estonia, Russia is a threat" still names the target
    assert ("Estonia", "Russia", "threat") in tuples(NEWS + "The talks ended on Monday. For Estonia, Russia is an immediate threat.")


def test_the_subject_after_an_opening_phrase_holds_the_relation_not_the_country_inside_the_phrase():
    text = BRIEF + ("Locked in a long dispute with Russia over the border, Estonia and Latvia have, especially since 2014, steadily "
                    "relied on closer defence ties with Poland to deter a resurgent Russia.")
    got = tuples(text)
    assert {("Estonia", "Poland", "partner"), ("Latvia", "Poland", "partner")} <= got
    assert not any(h == "Russia" for h, _, _ in got)  # named inside the opening phrase, it holds nothing
