"""Direct quotes and their speakers: one test per pattern, on short texts through the real model.

The mark-pairing tests need no model (`find_quotes` is plain string work); the attribution tests
parse with the project's spaCy model and resolve people with the real `people` module.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from newscrawl.items import Quote
from newscrawl.nlp.entities import people
from newscrawl.nlp.model import load_model
from newscrawl.nlp.quotes.extract import _Article, _mention, extract_quotes
from newscrawl.nlp.quotes.marks import find_quotes


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def quotes_of(nlp, body: str) -> list[Quote]:
    doc = nlp(body)
    found = extract_quotes(doc, people.resolve(doc))
    for q in found:  # the contract every quote keeps
        assert "\n\n".join(body[a:b] for a, b in q.parts) == q.text
        assert (q.start, q.end) == (q.parts[0][0], q.parts[-1][1])
        assert body.split("\n\n")[q.paragraph] in body
    return found


def texts(found: list[Quote]) -> list[str]:
    return [q.text for q in found]


def inside(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quotes(text)]


# --- pairing the marks (no model) ---------------------------------------------------------------

def test_curly_straight_and_guillemet_double_quotes() -> None:
    text = 'She said “yes, please.” He said "no, thanks." They said « peut-être ».'
    assert inside(text) == ["yes, please.", "no, thanks.", "peut-être"]


def test_apostrophes_inside_quotes_do_not_break_pairing() -> None:
    text = "“We don’t know if Mr Doe’s plan works, and the voters’ view is clear,” he said. " \
           "'It's the '90s again,' she said."
    assert inside(text) == [
        "We don’t know if Mr Doe’s plan works, and the voters’ view is clear",
        "It's the '90s again",
    ]


def test_closing_comma_is_dropped_and_offsets_point_into_the_text() -> None:
    text = "“We will stay,” he said."
    (span,) = find_quotes(text)
    assert text[span.start:span.end] == "We will stay"
    assert text[span.open_at] == "“" and text[span.close_at] == "”"


def test_nested_quote_stays_inside_its_parent() -> None:
    text = "“He told me ‘never again’ and walked out,” she said. “Then he said “stop” twice.”"
    assert inside(text) == [
        "He told me ‘never again’ and walked out",
        "Then he said “stop” twice.",
    ]


def test_british_single_quotes_with_double_quotes_nested() -> None:
    text = "‘The sign said “closed” all week,’ she said."
    assert inside(text) == ["The sign said “closed” all week"]


def test_an_opening_mark_typed_as_the_closer_still_closes() -> None:
    text = "“We will never sell the farm,“ said Ruth Kade. “Not in my lifetime.”"
    assert inside(text) == ["We will never sell the farm", "Not in my lifetime."]


def test_missing_closing_mark_ends_at_the_paragraph_not_the_article() -> None:
    text = "“We will not give up, he said.\n\nThe council met on Monday. It said “no” again."
    spans = find_quotes(text)
    assert [text[s.start:s.end] for s in spans] == ["We will not give up, he said.", "no"]
    assert spans[0].close_at is None and spans[0].paragraph == 0 and not spans[0].continues


def test_missing_closing_mark_before_a_new_quote_sentence() -> None:
    text = "“The first part has no end. “The second one does,” she said."
    assert inside(text) == ["The first part has no end.", "The second one does"]


def test_the_inch_mark_of_a_height_does_not_close_the_quote() -> None:
    text = "“She is 5’11” and he is only 5'8\", so she wins,” Roe said. He is “tall,” she said."
    assert inside(text) == ["She is 5’11” and he is only 5'8\", so she wins", "tall"]


def test_stray_marks_do_not_crash() -> None:
    for text in ["”", "“", "’’ ‘", "\"", "a ” b “", "« »", "'", "“\n\n”", ""]:
        find_quotes(text)


def test_doubled_apostrophes_are_not_quote_marks() -> None:
    text = "''This isn't reform,'' said the economist. ''It's a tax rise.''"
    assert inside(text) == []


def test_doubled_apostrophes_do_not_break_real_quotes() -> None:
    text = "“Call it ''reform'' if you like,” she said. ''Not me.''"
    assert inside(text) == ["Call it ''reform'' if you like"]


def test_quote_over_two_paragraphs_is_linked() -> None:
    text = "“The first paragraph of the statement runs on.\n\n“And the second ends it,” he said."
    first, second = find_quotes(text)
    assert first.continues and second.continued
    assert (first.paragraph, second.paragraph) == (0, 1)


# --- attribution (real model, real people resolution) --------------------------------------------

def test_speaker_after_the_quote(nlp) -> None:
    (q,) = quotes_of(nlp, "Defence Secretary Leon Panetta spoke on Tuesday.\n\n"
                          "“We have always been concerned,” Panetta said.")
    assert (q.text, q.speaker, q.speaker_mention, q.cue) == (
        "We have always been concerned", "Leon Panetta", "Panetta", "said")
    assert q.paragraph == 1


def test_inverted_cue_after_the_quote(nlp) -> None:
    (q,) = quotes_of(nlp, "“The plan will fail,” said Maria Gonzalez, a senator from Texas.")
    assert q.speaker == "Maria Gonzalez" and q.cue == "said"


def test_speaker_before_the_quote_with_colon(nlp) -> None:
    (q,) = quotes_of(nlp, "Senator Maria Gonzalez said: “The plan will fail.”")
    assert q.text == "The plan will fail." and q.speaker == "Maria Gonzalez"


def test_told_outlet_is_part_of_the_cue(nlp) -> None:
    (q,) = quotes_of(nlp, "Thomas Becker told Reuters: “We expect a deal by Friday.”")
    assert q.speaker == "Thomas Becker" and q.cue == "told Reuters"


def test_attribution_inside_a_split_quote(nlp) -> None:
    body = ("Thomas Becker met the unions on Monday.\n\n"
            "“We are close to an agreement,” he said, “but not there yet.”")
    first, second = quotes_of(nlp, body)
    assert first.text == "We are close to an agreement"
    assert second.text == "but not there yet."
    assert first.speaker == second.speaker == "Thomas Becker"
    assert first.speaker_mention == "he" and first.cue == "said"


def test_according_to(nlp) -> None:
    (q,) = quotes_of(nlp, "According to Thomas Becker, “the talks collapsed overnight.”")
    assert q.speaker == "Thomas Becker" and q.cue == "according to"


def test_dash_attribution(nlp) -> None:
    body = "“Nobody here believes the official numbers anymore.” — Maria Gonzalez"
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Maria Gonzalez"


def test_straight_quotes_and_guillemets_get_speakers(nlp) -> None:
    body = ('"We will appeal the ruling," Thomas Becker said.\n\n'
            '«We will appeal the ruling too», Maria Gonzalez said.')
    first, second = quotes_of(nlp, body)
    assert (first.speaker, second.speaker) == ("Thomas Becker", "Maria Gonzalez")


def test_single_quote_style_gets_a_speaker(nlp) -> None:
    (q,) = quotes_of(nlp, "‘We can’t afford another delay,’ Thomas Becker said.")
    assert q.text == "We can’t afford another delay" and q.speaker == "Thomas Becker"


def test_pronoun_respects_gender(nlp) -> None:
    body = ("Mrs Maria Gonzalez met Mr Thomas Becker in Berlin.\n\n"
            "“The talks were difficult,” she said.\n\n"
            "“We will meet again next week,” he said.")
    she, he = quotes_of(nlp, body)
    assert (she.speaker, she.speaker_mention) == ("Maria Gonzalez", "she")
    assert (he.speaker, he.speaker_mention) == ("Thomas Becker", "he")


def test_pronoun_resolves_to_the_latest_person(nlp) -> None:
    body = ("Thomas Becker spoke first. Later, Peter Braun took the stage.\n\n"
            "“I have never seen such a crowd,” he said.")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Peter Braun"


def test_role_noun_resolves_to_the_titled_person(nlp) -> None:
    body = ("Finance Minister Anna Berg presented the budget on Monday, alongside Thomas "
            "Becker.\n\n“This budget protects the poorest households,” the minister said.")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Anna Berg" and q.speaker_mention == "the minister"


def test_quote_paragraph_without_cue_continues_the_previous_speaker(nlp) -> None:
    body = ("“The harbour will reopen next month,” Thomas Becker said.\n\n"
            "“The repairs cost more than we planned, but the work is done.”")
    first, second = quotes_of(nlp, body)
    assert second.speaker == first.speaker == "Thomas Becker"
    assert second.speaker_mention is None and second.cue is None


def test_quote_after_a_said_colon_paragraph(nlp) -> None:
    body = "Maria Gonzalez said:\n\n“Nobody told us about the closure until it happened.”"
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Maria Gonzalez"


def test_quote_over_paragraphs_is_one_quote_with_one_speaker(nlp) -> None:
    body = ("Thomas Becker said: “The first winter was the hardest for all of us.\n\n"
            "“The second one was better, because the neighbours helped.”")
    (q,) = quotes_of(nlp, body)
    assert q.text == ("The first winter was the hardest for all of us.\n\n"
                      "The second one was better, because the neighbours helped.")
    assert q.paragraph == 0 and len(q.parts) == 2
    assert q.speaker == "Thomas Becker"


def test_quote_over_three_paragraphs_after_an_attributed_one(nlp) -> None:
    body = ("“We will rebuild the school before winter,” Mayor Lena Okafor said on Tuesday. "
            "“The money is there.\n\n“The builders start in May.\n\n"
            "“And the children will be back by October.”\n\n"
            "The council approved the plan later that evening.")
    first, second = quotes_of(nlp, body)
    assert first.text == "We will rebuild the school before winter"
    assert second.text == ("The money is there.\n\nThe builders start in May.\n\n"
                           "And the children will be back by October.")
    assert [second.paragraph, len(second.parts)] == [0, 3]
    assert second.speaker == "Lena Okafor"


def test_scare_quotes_and_titles_are_not_quotes(nlp) -> None:
    body = ("The so-called “deal” was signed on Monday. Thomas Becker starred in “The Long "
            "Night” and in “Blue River Road” last year.")
    assert quotes_of(nlp, body) == []


def test_short_quote_with_a_cue_is_kept(nlp) -> None:
    (q,) = quotes_of(nlp, "Asked about the plan, Thomas Becker said: “No.”")
    assert q.text == "No." and q.speaker == "Thomas Becker"


def test_unattributed_quote_has_no_speaker(nlp) -> None:
    (q,) = quotes_of(nlp, "“Nobody knows how long the bridge will stay closed to traffic.”")
    assert q.speaker is None and q.speaker_mention is None


def test_organisation_speaker(nlp) -> None:
    (q,) = quotes_of(nlp, "The World Health Organization said: “The outbreak is contained.”")
    assert q.speaker is not None and "World Health Organization" in q.speaker


def test_unbalanced_marks_never_crash_or_swallow(nlp) -> None:
    body = ("“This quote never closes, Thomas Becker said.\n\n"
            "The committee met later. ” A stray mark.\n\n"
            "“The last one is fine,” Maria Gonzalez said.")
    found = quotes_of(nlp, body)
    assert all("committee" not in q.text for q in found)
    assert found[-1].text == "The last one is fine" and found[-1].speaker == "Maria Gonzalez"


def test_empty_and_quote_free_bodies(nlp) -> None:
    assert quotes_of(nlp, "No quotes here at all.") == []
    assert quotes_of(nlp, "“") == []


def test_random_mark_soup_keeps_the_contract(nlp) -> None:
    import random

    rng = random.Random(7)
    pieces = ["“", "”", '"', "'", "’", "‘", "«", "»", "''", "„", " he said", " Anna Berg said",
              ",", ".", " ", "\n\n", " according to Tom Li", " —", " word", " she added:", "?"]
    for _ in range(80):
        body = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 50)))
        for q in quotes_of(nlp, body):
            assert q.text and q.text == q.text.strip()


# --- second round: general causes of speaker errors and misses -----------------------------------

def test_pronoun_prefers_the_speaking_subject_over_a_name_in_passing(nlp) -> None:
    # The man named last (Mr Braun, a possessive, known to be male) is not who "he" is: the
    # speaker is, even though nothing in the text says Okafor is a man.
    body = ("Okafor said Mr Braun’s plan would fail.\n\n"
            "“It has no money behind it,” he said.")
    (q,) = quotes_of(nlp, body)
    assert (q.speaker, q.speaker_mention) == ("Okafor", "he")


def test_pronoun_prefers_the_main_clause_subject(nlp) -> None:
    # "blasted" is no speech verb, but its subject is the topic; the name inside the
    # relative clause is not.
    body = ("Thomas Becker, who has campaigned for Peter Braun since March, blasted the "
            "council on Tuesday.\n\n“This is a disgrace,” he said.")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Thomas Becker"


def test_pronoun_takes_the_person_named_right_before_the_quote(nlp) -> None:
    # The person named in the sentence right before the quote, even as an object, beats an
    # earlier speaker and the subject of an "although" clause.
    body = ("“The ferry needs a new engine,” said Thomas Becker. Although Paul Weber raised "
            "the money last year, the repairs keep Peter Braun, the harbour master, awake.\n\n"
            "“We run out of time in April,” he said.")
    first, q = quotes_of(nlp, body)
    assert first.speaker == "Thomas Becker" and q.speaker == "Peter Braun"


def test_pronoun_skips_names_that_follow_the_same_pronoun(nlp) -> None:
    # ", he said, …" already refers back to the speaker; Paul Weber after it is not him.
    body = ("Thomas Becker expects a long winter. The new timetable, he said, would please "
            "only the friends of Paul Weber.\n\n“Our drivers deserve better shifts,” he said.")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Thomas Becker"


def test_pronoun_skips_a_name_used_as_a_modifier(nlp) -> None:
    # "the Karl Ostrow bakery" names a bakery, not a person who could speak next.
    body = ("Mrs Anna Berg runs the tenants' association in Leeds.\n\n"
            "Several tenants say that the Karl Ostrow bakery ignored their complaints.\n\n"
            "“The smell reaches the third floor,” she said.")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Anna Berg"


def test_pronouns_near_a_name_do_not_overrule_the_first_name(nlp) -> None:
    # In a story about a woman, "she" follows the man's name again and again; that must not
    # make John Miller a woman whom "he" can never refer to.
    body = ("Maria Gonzalez watched the speech at home. John Miller came on stage and she "
            "smiled. John Miller waved and she cheered.\n\n"
            "“I am glad to be here,” he said.")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "John Miller"


def test_transcript_labels_name_the_speaker_of_each_turn(nlp) -> None:
    body = ("Senator Anna Berg spoke to host Peter Braun on Sunday. Partial transcript:\n\n"
            "\"BRAUN: Will you run for governor next year?\n\n"
            "\"BERG: I have not decided yet. My family comes first.\n\n"
            "\"But I will decide before the summer.\"")
    braun, berg = quotes_of(nlp, body)
    assert (braun.text, braun.speaker, braun.speaker_mention) == (
        "Will you run for governor next year?", "Peter Braun", "BRAUN")
    assert berg.speaker == "Anna Berg"
    # the turn runs on into the next paragraph: one quote
    assert berg.text == ("I have not decided yet. My family comes first.\n\n"
                         "But I will decide before the summer.")


def test_all_caps_word_with_colon_is_not_a_label_without_a_person(nlp) -> None:
    body = "Thomas Becker said: “UPDATE: the bridge is closed until further notice.”"
    (q,) = quotes_of(nlp, body)
    assert q.text.startswith("UPDATE:") and q.speaker == "Thomas Becker"


def test_stage_directions_in_a_transcript_are_not_quotes(nlp) -> None:
    body = ("Anna Berg spoke to Peter Braun.\n\n\"BERG: We are ready.\n\n\"(LAUGHTER)\n\n"
            "\"BRAUN: Thank you, senator.\"")
    assert [q.text for q in quotes_of(nlp, body)] == ["We are ready.", "Thank you, senator."]


def test_speech_participle_after_a_name(nlp) -> None:
    body = "The documentary ends with a clip of Maria Gonzalez asking, “Who pays for the bridge?”"
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Maria Gonzalez" and q.cue == "asking"


def test_participle_is_not_given_to_the_subject_of_a_where_clause(nlp) -> None:
    body = ("Hundreds of farmers drove their tractors past the town hall - where the Leeds "
            "Rhinos celebrated the cup win - while chanting, \"Fair prices for milk now.\"")
    (q,) = quotes_of(nlp, body)
    assert q.speaker != "Leeds Rhinos" and "farmers" in (q.speaker_mention or "")


def test_short_chanted_question_is_a_quote(nlp) -> None:
    body = "Fans waiting outside the arena chanted \"Where is the band?\" for an hour."
    (q,) = quotes_of(nlp, body)
    assert q.text == "Where is the band?" and q.cue == "chanted"


@pytest.mark.parametrize(("body", "chant"), [
    # the object of a verb of raised voice
    ("About forty parents gathered at the gates of the school, holding signs and chanting "
     "\"Fix it.\" Nobody came out to meet them.", "Fix it."),
    # named by such a noun right after it, or before "of"
    ("Lena Okafor walked on stage last, to loud applause and “Lena!” chants from the hall.",
     "Lena!"),
    ("The vote passed after midnight, to cries of “Shame on you” from the public gallery.",
     "Shame on you"),
])
def test_a_short_chant_is_a_quote(nlp, body: str, chant: str) -> None:
    (q,) = quotes_of(nlp, body)
    assert q.text == chant


def test_a_short_phrase_after_an_ordinary_verb_stays_a_scare_quote(nlp) -> None:
    body = "The council called the new parking rules “very sensible” at its meeting on Monday."
    assert quotes_of(nlp, body) == []


def test_a_document_reads(nlp) -> None:
    body = ("In 1998 the Daily Herald wrote about Thomas Becker's first shop.\n\n"
            "“The young baker sold out of rye bread by nine, and his customers called it ‘the "
            "best loaf in town,’” the report read.")
    (q,) = quotes_of(nlp, body)
    assert q.text.startswith("The young baker") and q.cue == "read"
    assert q.speaker_mention == "the report"


# --- issue 8: classes that failed on unseen pages (invented sentences) ----------------------------

def test_colon_introduction_without_a_speech_verb(nlp) -> None:
    body = ("The Harbour Authority released the following statement: “The north pier stays "
            "closed until the divers finish their survey.”")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Harbour Authority" and q.cue == "released"


def test_colon_introduction_in_the_paragraph_before(nlp) -> None:
    body = ("After the vote, Mayor Olga Petrov had a long message for residents:\n\n"
            "“We heard you, and the library will stay open on Sundays.”")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Olga Petrov"


def test_a_colon_after_a_thing_names_no_speaker(nlp) -> None:
    body = "Here is the full list of demands: “More buses, cheaper tickets and cleaner stations.”"
    (q,) = quotes_of(nlp, body)
    assert q.speaker is None


def test_name_and_colon_before_the_quote_mark(nlp) -> None:
    body = ("Senator Anna Berg met the student Peter Braun at the town hall.\n\n"
            "Braun: “Why did the grant for our school disappear?”\n\n"
            "Berg: “Nobody cut it. It moved to next year's budget.”")
    braun, berg = quotes_of(nlp, body)
    assert (braun.speaker, berg.speaker) == ("Peter Braun", "Anna Berg")


def test_mixed_case_transcript_labels_inside_the_quote(nlp) -> None:
    body = ("On Sunday, Peter Braun interviewed Senator Anna Berg.\n\n"
            "\"Braun: Will the new bridge be finished this year?\n\n"
            "\"Berg: Not before the spring floods are over.\"")
    braun, berg = quotes_of(nlp, body)
    assert (braun.text, braun.speaker) == ("Will the new bridge be finished this year?",
                                           "Peter Braun")
    assert (berg.text, berg.speaker) == ("Not before the spring floods are over.", "Anna Berg")


def test_a_capitalised_word_and_colon_is_no_label_without_a_person(nlp) -> None:
    body = "Thomas Becker said: “Warning: the ice on the lake is thinner than it looks.”"
    (q,) = quotes_of(nlp, body)
    assert q.text.startswith("Warning:") and q.speaker == "Thomas Becker"


def test_every_inflection_of_a_speech_verb_counts(nlp) -> None:
    body = ("“The pool opens in June,” Thomas Becker quipped.\n\n"
            "“The water will be cold,” Maria Gonzalez bragged.\n\n"
            "“Bring a towel,” Peter Braun reassured the parents.")
    becker, gonzalez, braun = quotes_of(nlp, body)
    assert (becker.speaker, becker.cue) == ("Thomas Becker", "quipped")
    assert (gonzalez.speaker, gonzalez.cue) == ("Maria Gonzalez", "bragged")
    assert braun.speaker == "Peter Braun"


def test_one_list_of_speech_verbs() -> None:
    from newscrawl.nlp import lexicon
    from newscrawl.nlp.quotes import cues as quote_cues

    assert set(lexicon.SPEECH_VERBS.values()) == set(lexicon.SPEECH_VERB_LEMMAS)
    for form, base in {"said": "say", "denies": "deny", "concurred": "concur",
                       "emphasising": "emphasise", "wrote": "write"}.items():
        assert lexicon.SPEECH_VERBS[form] == base
    assert quote_cues.NEEDS_PARTICLE <= lexicon.SPEECH_VERB_LEMMAS
    assert not hasattr(quote_cues, "SPEECH_VERBS")


def test_attribution_after_a_question_in_a_long_sentence(nlp) -> None:
    body = ("“Who will pay for the new roof?” Maria Gonzalez asked, standing outside the "
            "village school that she has run for eleven years and that has waited for repairs "
            "since the storm two winters ago. “We cannot wait another year.”")
    first, second = quotes_of(nlp, body)
    assert first.speaker == "Maria Gonzalez" and first.cue == "asked"
    assert second.speaker == "Maria Gonzalez"  # the next quote of the paragraph is hers too


def test_attribution_after_an_exclamation_with_the_speaker_first(nlp) -> None:
    body = ("“Not one more tree!” Peter Braun shouted from the back of the hall on Monday "
            "evening while the planning committee was still discussing the new car park next to "
            "the old mill.")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Peter Braun" and q.cue == "shouted"


def test_the_person_asked_is_not_the_speaker_of_the_question(nlp) -> None:
    body = ("Thomas Becker was asked at the hearing: “Did you sign the contract before the "
            "tender closed?”")
    (q,) = quotes_of(nlp, body)
    assert q.speaker != "Thomas Becker"


def test_the_asker_named_as_agent_speaks(nlp) -> None:
    body = ("Thomas Becker was asked by Maria Gonzalez: “Did you sign the contract before the "
            "tender closed?”")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Maria Gonzalez"


def test_the_subject_of_a_side_clause_is_not_the_speaker(nlp) -> None:
    body = ("Maria Gonzalez said, after Thomas Becker had asked about the delays, “The trains "
            "will run on time from May.”")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Maria Gonzalez"


def test_a_short_speech_sentence_before_a_quote_names_its_speaker(nlp) -> None:
    body = ("Thomas Becker wants the market moved to the square. Maria Gonzalez disagreed. "
            "“The square has no room for forty stalls and the delivery vans.”")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Maria Gonzalez"


def test_a_sentence_between_two_quotes_attributes_the_first(nlp) -> None:
    body = ("“We will hold this seat whatever the polls say,” Anna Berg said on Sunday. Later "
            "that evening her rival Tom Hale went further: “The count is not over and we will "
            "ask for a recount.”")
    first, second = quotes_of(nlp, body)
    assert first.speaker == "Anna Berg"
    assert second.speaker == "Tom Hale"


def test_the_name_between_the_quote_and_the_verb_speaks(nlp) -> None:
    body = ("“Basically all of my friends are musicians — all of them,” Lena Ortiz, 52, told The "
            "Valley Courier. “I found myself wanting more.”")
    first, second = quotes_of(nlp, body)
    assert first.speaker == "Lena Ortiz"
    assert second.speaker == "Lena Ortiz"


def test_a_name_right_before_the_colon_speaks(nlp) -> None:
    body = ("The pollster Jane Roe studied the turnout figures.\n\n"
            "Turnout fell in every county this year, and the young stayed home - Jane Roe: "
            "“Fewer young voters came out than at any election since 1990.”")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Jane Roe"


def test_the_person_addressed_before_the_colon_is_not_the_speaker(nlp) -> None:
    body = ("Senator Mark Olsen has fought the cuts for a year. Olsen delivered a blunt message "
            "to Governor Ruth Kade: “Stop cutting the school budget before the election.”")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Mark Olsen"


@pytest.mark.parametrize("intro", ["Olsen's letter makes the case plainly:", "From Olsen's blog:"])
def test_the_author_of_a_message_before_the_colon_speaks(nlp, intro) -> None:
    body = ("Senator Mark Olsen has fought the cuts for a year.\n\n"
            f"{intro} “Every school in the county needs a nurse and a library.”")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Mark Olsen"


def test_a_participle_after_a_reported_clause_is_the_reporters(nlp) -> None:
    body = ("The mayor, Paul Greer, said the budget would not pass, adding, “We simply do not "
            "have the votes on the council this year.”")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Paul Greer"


def test_the_name_that_opens_the_clause_speaks_when_the_verb_has_no_subject(nlp) -> None:
    body = ("But Sen. Paul Greer (R-Ore.), noting the size of the deficit, said, \"We cannot "
            "spend another dollar on this project until the audit is finished.\"")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Paul Greer"


def test_a_title_with_small_words_inside_is_not_a_quote(nlp) -> None:
    body = "Senator Ana Ruiz told “Face the Nation” on Sunday that the bill would pass."
    assert quotes_of(nlp, body) == []


def test_a_phrasal_verb_of_saying_is_a_cue_with_its_particle(nlp) -> None:
    body = ("Tom Hale and Ruth Kade debated on Monday. “You never voted for the school budget, "
            "not once,” Kade fired back.")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Ruth Kade" and q.cue == "fired"


def test_went_on_after_a_question_attributes_it_and_the_next_quote(nlp) -> None:
    body = ("“You know, it happens, right?” Tom Hale went on, as if he had not heard her. “But "
            "you have to get over it and fight.”")
    first, second = quotes_of(nlp, body)
    assert first.speaker == second.speaker == "Tom Hale"


def test_phrasal_speech_verbs_are_not_speech_verbs_on_their_own() -> None:
    from newscrawl.nlp import lexicon

    assert lexicon.PHRASAL_SPEECH_FORMS["went"] == "go"
    assert lexicon.PHRASAL_SPEECH_FORMS["shot"] == "shoot"
    assert not set(lexicon.PHRASAL_SPEECH_VERBS) & lexicon.SPEECH_VERB_LEMMAS


def test_manner_of_speaking_verbs_are_cues(nlp) -> None:
    body = ("Ruth Kade lost her temper on the show. “Honestly, this is the worst budget I have "
            "seen in twenty years,” Kade barked.")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Ruth Kade" and q.cue == "barked"


# --- the words naming the speaker ----------------------------------------------------------------

def test_mention_keeps_the_role_before_an_appositive_name(nlp) -> None:
    body = ("“We are counting every vote in the county this week,” said the party’s deputy "
            "campaign manager, Paula Reyes, who ran the count in 2012.")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Paula Reyes"
    assert q.speaker_mention == "the party’s deputy campaign manager, Paula Reyes"


def test_mention_keeps_a_title_run_before_the_name(nlp) -> None:
    body = "“The drop in the polls is about the budget and nothing else,” Daily Post " \
           "columnist Mary Stone said."
    (q,) = quotes_of(nlp, body)
    assert (q.speaker, q.speaker_mention) == ("Mary Stone", "Daily Post columnist Mary Stone")


def test_role_mention_runs_to_the_comma_of_a_relative_clause(nlp) -> None:
    body = ("“We have a ton of work to do before the vote,” said a longtime adviser to both "
            "Stones, who, like many others, asked not to be named.")
    (q,) = quotes_of(nlp, body)
    assert q.speaker_mention == "a longtime adviser to both Stones"


def test_appositive_name_right_before_the_verb_speaks(nlp) -> None:
    body = ("Anna Berg did not comment herself. In a statement to the Gazette, her senior "
            "policy adviser, Tom Lindqvist, said: “Anna Berg believes that cooperation is "
            "essential, and that it is strongest when the region is united.”")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Tom Lindqvist"
    assert q.speaker_mention == "her senior policy adviser, Tom Lindqvist"


# --- a quoted sentence inside the narrator's sentence ---------------------------------------------

def test_quoted_sentence_inside_a_narrative_sentence_is_its_subjects_quote(nlp) -> None:
    body = ("Mayor Lena Okafor closed the meeting by calling the proposal “a plan that nobody "
            "in this town asked for and that nobody in this town will ever pay for.”")
    (q,) = quotes_of(nlp, body)
    assert q.text.startswith("a plan that nobody")
    assert q.speaker == "Lena Okafor"


def test_quoted_sentence_inside_a_sentence_with_no_one_to_say_it_is_not_a_quote(nlp) -> None:
    body = ("CITY BUDGET PASSES “The council approved a budget that raises spending on "
            "schools by a fifth over the next two years.” [Gazette.]")
    assert quotes_of(nlp, body) == []


def test_short_quoted_phrase_inside_a_sentence_is_not_a_quote(nlp) -> None:
    body = "Lena Okafor called the plan “a costly and pointless detour” on Monday."
    assert quotes_of(nlp, body) == []


def test_tag_after_a_comma_quote_that_goes_on_to_introduce_the_next(nlp) -> None:
    body = ("“Keeping the tide tables and both boats in good repair is half the job,” said Ruth "
            "Calloway, explaining why she leaned on the harbour master: “Tomas never misses a "
            "storm warning.”")
    first, second = quotes_of(nlp, body)
    assert first.text.startswith("Keeping the tide tables") and first.speaker == "Ruth Calloway"
    assert second.speaker == "Ruth Calloway"


def test_no_subject_follows_a_participle(nlp) -> None:
    body = ("Nora Lindqvist, a retired judge, has given advice to graduates for years, urging "
            "them to “keep a notebook and read the dissent,” and telling Westfield College's "
            "class of 2019, “If you are too proud to listen, you are too young to judge.”")
    for q in quotes_of(nlp, body):
        assert q.speaker == "Nora Lindqvist"


@pytest.mark.parametrize("body", [
    "Senator Anna Berg:\"We will reopen the mill before the winter comes.\"",
    "“We will reopen the mill before the winter comes,”Anna Berg said on Friday.",
    "Anna Berg spoke last. “We will reopen the mill before the winter!”Berg said.",
])
def test_quote_marks_glued_to_a_word(nlp, body) -> None:
    (q,) = quotes_of(nlp, body)
    assert q.text.startswith("We will reopen the mill") and q.speaker == "Anna Berg"


def test_glued_quote_marks_are_split_off_by_the_tokenizer(nlp) -> None:
    words = [t.text for t in nlp.tokenizer("costs,”Berg said. Berg:\"We left. U.S.\"Fine")]
    assert words == ["costs", ",", "”", "Berg", "said", ".", "Berg", ":", '"', "We", "left",
                     ".", "U.S.", '"', "Fine"]


def test_a_dashed_credit_line_under_a_quote_paragraph_names_its_speaker(nlp) -> None:
    body = ("The storm left the harbour town without power for a week.\n\n"
            "\"We will rebuild every school the storm destroyed, and we will do it this year.\"\n\n"
            "— Jane Roe, mayor of the town, speaking on Monday.\n\n"
            "\"Nobody here has ever seen the water rise that fast in one night.\"\n\n"
            "-Councillor Tom Baxter, at the same meeting.")
    roe, baxter = quotes_of(nlp, body)
    assert roe.speaker == "Jane Roe"
    assert "Baxter" in baxter.speaker_mention


def test_a_dash_paragraph_that_names_no_one_credits_nothing(nlp) -> None:
    body = ("\"We will rebuild every school the storm destroyed, and we will do it this year.\"\n\n"
            "— a promise made many times before.")
    (q,) = quotes_of(nlp, body)
    assert q.speaker is None and q.speaker_mention is None


@pytest.mark.parametrize("verb", ["released a statement saying", "issued a video that said",
                                  "sent an email saying"])
def test_a_message_speaks_for_whoever_issued_it(nlp, verb) -> None:
    body = (f"Marta Lindgren {verb}, \"We are grateful to every volunteer who searched the "
            "hills for our son.\"")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Marta Lindgren"


def test_a_message_that_is_the_subject_is_its_own_speaker(nlp) -> None:
    body = ("Marta Lindgren thanked the volunteers. The statement says \"every hill was "
            "searched twice before the rain came.\"")
    (q,) = quotes_of(nlp, body)
    assert q.speaker_mention == "The statement"


def test_a_sentence_opening_with_a_participle_goes_on_with_the_last_speaker(nlp) -> None:
    body = ("Judge Carla Mendes said the appeal was weak. Adding, \"Nobody in this court "
            "believes the witness was anywhere near the bridge that night.\"")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Carla Mendes"


def test_a_clause_after_a_scare_quote_introduces_the_next_quote(nlp) -> None:
    body = ("In an interview last year, Rafael Ortiz called the plan \"premature\" while adding "
            "on the budget, \"I have no doubt the governor understands what families are going "
            "through this winter.\"")
    (q,) = quotes_of(nlp, body)
    assert q.text.startswith("I have no doubt") and q.speaker == "Rafael Ortiz"


def test_single_quotes_inside_doubled_marks_are_nested() -> None:
    text = ("''When I asked him, 'Will you stay?' he said nothing,'' she said.\n\n"
            "''He told me, 'Go home.'\n\n''And I did,'' she said. Then 'a new word' caught on.")
    assert inside(text) == ["a new word"]


@pytest.mark.parametrize(("body", "speaker"), [
    ("Dana Brantly chairs the board.\n\n“Keeping the library open late is worth every cent,” "
     "said Brantly, explaining the vote.", "Dana Brantly"),
    ("Professor Tom Early studies tides.\n\nAsked about the new wall, Early described it as “a "
     "sandcastle with a budget.”", "Tom Early"),
])
def test_a_name_the_tagger_misreads_still_speaks(nlp, body, speaker) -> None:
    (q,) = quotes_of(nlp, body)
    assert q.speaker == speaker


def test_a_statement_introduced_with_a_comma_is_its_issuers(nlp) -> None:
    body = ("After the flood, Mayor Ines Duarte issued a statement, \"Every family that lost a "
            "home will have a roof before the winter comes.\"")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Ines Duarte"


def test_a_colon_introduction_without_a_verb_names_its_subject(nlp) -> None:
    body = ("Critics call the bill cruel. Here’s Senator Ada Voss in March 2019: \"Our new plan "
            "must rest on the dignity of work and on nothing else.\"")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Ada Voss"


@pytest.mark.parametrize("body", [
    "Senator Ada Voss emailed supporters saying: \"The fight for the river is not over, and we "
    "will win it in court.\"",
    "Senator Ada Voss blasted out an email to donors stating, \"Every dollar raised this week "
    "goes to the river cleanup fund.\"",
])
def test_the_people_a_message_is_sent_to_do_not_speak(nlp, body) -> None:
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Ada Voss"


def test_a_name_right_after_a_role_noun_is_part_of_the_mention(nlp) -> None:
    body = ("The engineer was travelling to a trade fair. “We rang him from the station and he "
            "sounded cheerful,” his nephew Tarek el Bana added.")
    (q,) = quotes_of(nlp, body)
    assert q.speaker_mention == "his nephew Tarek el Bana"


def test_a_prepositional_phrase_hung_on_the_verb_stays_in_an_inverted_mention(nlp) -> None:
    # The parse the model gives in some contexts: "to" attached to "said", not to "adviser".
    words = ["said", "one", "longtime", "adviser", "to", "Ada", "Voss", "."]
    doc = Doc(nlp.vocab, words=words, heads=[0, 3, 3, 0, 0, 6, 4, 0],
              deps=["ROOT", "nummod", "amod", "nsubj", "prep", "compound", "pobj", "punct"],
              pos=["VERB", "NUM", "ADJ", "NOUN", "ADP", "PROPN", "PROPN", "PUNCT"])
    assert _mention(doc[3]).text == "one longtime adviser to Ada Voss"


def test_that_said_is_no_speech_tag(nlp) -> None:
    body = ("Mayor Ines Duarte rarely gives speeches. At a rally in May, she described the "
            "council as \"tired\" with a \"short memory.\" (That said, she also noted, \"When you "
            "push the council, it pushes back twice as hard.\")")
    (q,) = quotes_of(nlp, body)
    assert q.text.startswith("When you push") and q.speaker == "Ines Duarte"


def test_a_relative_that_before_said_is_not_the_discourse_marker(nlp) -> None:
    body = ("Olga Brandt released a video that said, \"We are going to hire the best teachers in "
            "the state for this school.\"")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Olga Brandt" and q.cue == "said"


def test_the_one_shown_speaking_speaks(nlp) -> None:
    body = ("Before the speech, the preacher Amos Kell is shown lecturing: \"Take heed and learn "
            "from the lessons of history, for the clouds are gathering.\"")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Amos Kell"


def test_one_list_of_gendered_role_nouns() -> None:
    from newscrawl.nlp import lexicon
    from newscrawl.nlp.quotes import speakers as quote_speakers

    assert lexicon.MALE_ROLE_NOUNS <= quote_speakers.MALE_WORDS
    assert lexicon.FEMALE_ROLE_NOUNS <= quote_speakers.FEMALE_WORDS
    assert not quote_speakers.MALE_WORDS & quote_speakers.FEMALE_WORDS


def test_a_role_noun_from_the_lexicon_tells_the_pronoun_who_speaks(nlp) -> None:
    body = ("The sultan, Ari Tamsin, met the nun, Sol Varga, on Monday.\n\n"
            "“The harbor will be rebuilt before the rains,” she said.")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Sol Varga"


def test_a_speaker_mention_that_opens_a_paragraph_has_no_blank_line(nlp) -> None:
    from newscrawl.nlp.analyse import analyse

    # parsed paragraph by paragraph, as the crawl does: a paragraph starts with its break
    body = ("Jane Roe wrote to the council about the harbor.\n\n"
            "The letter continues: “We cannot accept the plan as it stands today.”")
    (q,) = analyse(body, nlp).quotes
    assert q.speaker_mention == "The letter"


# --- issue 8, round 3: speakers on unseen pages (invented sentences) ----------------------------

def test_of_two_subjects_the_parser_gives_a_verb_the_nearest_speaks(nlp) -> None:
    body = ("The band cheers, and then Ruth Kessler continues: “We will build the new stadium "
            "right here in this town.”")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Ruth Kessler"


def test_a_speech_verb_the_tagger_reads_as_a_noun_ends_a_short_tag(nlp) -> None:
    body = "“Our budget for the bridge is now twice what it was in spring,” the email states."
    (q,) = quotes_of(nlp, body)
    assert q.cue == "states" and "email" in q.speaker_mention


def test_a_speech_verb_the_tagger_reads_as_a_noun_still_heads_its_clause(nlp) -> None:
    body = ("Lena Okafor ended the hearing with a joke, remarking, “Thank you, and may the tide be "
            "with you all.”")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Lena Okafor"


def test_a_name_before_the_colon_speaks_whatever_verb_came_before(nlp) -> None:
    body = ("Tomas Berg studies how politicians write online. Soon after the vote he posted about "
            "it ... Lena Okafor: “Proud of this town and of every volunteer tonight.”")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Lena Okafor"


def test_the_object_of_the_verb_a_to_infinitive_hangs_on_says_it(nlp) -> None:
    body = ("The ruling on the harbour wall led Lena Okafor to declare, “We will appeal this to "
            "the highest court in the land.”")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Lena Okafor"


def test_a_short_quoted_sentence_its_named_subject_calls_something_is_a_quote(nlp) -> None:
    body = ("Tomas Berg runs the island's ferry company. Berg called the new timetable “a mistake "
            "that hurts the island.”")
    (q,) = quotes_of(nlp, body)
    assert (q.text, q.speaker) == ("a mistake that hurts the island.", "Tomas Berg")


@pytest.mark.parametrize(("body", "quote", "mention"), [
    ("Maria Lopez runs the bakery on Elm Street. “We will not close, not while people still come "
     "in,” the 54-year-old said.", "We will not close, not while people still come in",
     "the 54-year-old said"),
    ("Jon Reyes coaches the team. “They played with heart tonight, every one of them,” the "
     "37-year-old told reporters after the game.",
     "They played with heart tonight, every one of them", "the 37-year-old told"),
])
def test_an_age_standing_for_the_person_is_who_speaks(nlp, body: str, quote: str,
                                                      mention: str) -> None:
    """ "the 54-year-old said": the parser finds no subject in the compound adjective; the
    quote, cut at its comma, was lost with it."""
    found = quotes_of(nlp, body)
    assert [(q.text, f"{q.speaker_mention} {q.cue}") for q in found] == [(quote, mention)]


# --- issue 8, round 4: quotes on unseen pages (invented sentences) ------------------------------

def test_a_quote_of_several_sentences_is_speech_whatever_closes_it(nlp) -> None:
    """A tag the writer left without its verb gives no attribution; a quote holding more than
    one sentence is still speech, never a title or a scare term."""
    body = ("“The town is changing fast, faster than any of us expected. We do not know who will "
            "stay,” Mayor Ruth Ellis from her office. “Maybe nobody. We need a plan.”")
    assert texts(quotes_of(nlp, body)) == [
        "The town is changing fast, faster than any of us expected. We do not know who will stay",
        "Maybe nobody. We need a plan."]


@pytest.mark.parametrize("body", [
    "In an interview on “Morning Talk with Dan Frey,” Tomas Berg said he would run again.",
    "Tomas Berg appeared on Channel Nine’s “Sunday Morning with Ann Roe.” He said little.",
])
def test_a_title_with_small_words_by_the_parse_is_no_quote(nlp, body: str) -> None:
    """Titles keep prepositions such as "with" lowercase, and American style puts the
    sentence's period inside the closing mark."""
    assert quotes_of(nlp, body) == []


@pytest.mark.parametrize(("body", "quote"), [
    ("Asked whether he would run again, Tomas Berg said: “Probably.”", "Probably."),
    ("Outside, about fifty nurses stood chanting “No More Cuts.” Police watched.",
     "No More Cuts."),
    ("“Absolutely not,” was the reply from the governor’s office.", "Absolutely not"),
])
def test_short_capitalised_speech_is_no_title(nlp, body: str, quote: str) -> None:
    """An answer after a colon, a chant after its verb and a lowercase "not" are speech."""
    assert texts(quotes_of(nlp, body)) == [quote]


def test_words_inside_a_titles_marks_never_name_the_speaker(nlp) -> None:
    """A title is no quote, but the parser may still take its first word for the subject of
    the speech verb next to it ("said … on “Fox and Friends.”")."""
    body = ("“We were right,” Tomas Berg said on Channel Nine’s “Fox and Friends.” “We still "
            "are.”")
    doc = nlp(body)
    art = _Article(doc, people.resolve(doc))
    title_word = body.index("Fox")
    assert [body[s.start:s.end] for s in art.spans] == ["We were right", "We still are."]
    assert art.resolver.inside_quote(title_word)


def test_a_tag_the_tagger_reads_as_one_noun_phrase_names_the_message(nlp) -> None:
    body = ("“If he wants to be reelected, the mayor should act like a leader, and come to the "
            "valley,” the editorial read.")
    (q,) = quotes_of(nlp, body)
    assert (q.speaker_mention, q.cue) == ("the editorial", "read")


def test_the_name_beside_an_owners_role_noun_speaks(nlp) -> None:
    """“…,” the company’s lawyer, Sarah Kim, said: the owner ("the company") is not the head of
    the phrase the parser left without a verb."""
    body = "“We will appeal,” the company’s lawyer, Sarah Kim, said."
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Sarah Kim"


def test_whoever_issues_a_message_introduced_by_a_colon_speaks_named_or_not(nlp) -> None:
    body = "The mayor’s office issued a statement: “The city will review the findings carefully.”"
    (q,) = quotes_of(nlp, body)
    assert q.speaker_mention == "The mayor’s office"


@pytest.mark.parametrize(("body", "speaker", "mention"), [
    ("The chairman refused a vote.\n\n“Count the votes,” came shouts from the crowd.",
     None, "the crowd"),
    ("“Not now,” came the answer from Governor Ella Stone.", "Ella Stone",
     "Governor Ella Stone"),
    ("“It is over,” is the message from the union.", None, "the union"),
])
def test_an_inverted_tag_naming_the_words_says_who_spoke(nlp, body: str, speaker: str | None,
                                                         mention: str) -> None:
    """“…,” came the reply from X: no speech verb, the noun of speech and its source."""
    (q,) = quotes_of(nlp, body)
    assert (q.speaker, q.speaker_mention) == (speaker, mention)


def test_two_quoted_words_in_a_named_speakers_clause_are_a_partial_quote(nlp) -> None:
    body = ("Tomas Berg runs the ferry company. On Monday Berg said the new timetable was "
            "“deeply flawed” and left.")
    (q,) = quotes_of(nlp, body)
    assert (q.text, q.speaker) == ("deeply flawed", "Tomas Berg")


def test_one_quoted_word_in_a_speakers_clause_stays_a_scare_term(nlp) -> None:
    body = "Tomas Berg runs the ferry company. Berg said the vote was “rigged” and left."
    assert quotes_of(nlp, body) == []


@pytest.mark.parametrize(("body", "speaker"), [
    ("Maria Lopez, 61, and Tom Reyes, 54, run the bakery. “We will not close,” the 54-year-old "
     "said.", "Tom Reyes"),
    ("The 54-year-old grandmother Maria Lopez runs the bakery. Her brother Tom Lopez helps. “We "
     "will not close,” the 54-year-old said.", "Maria Lopez"),
    ("A 54-year-old driver hit Maria Lopez on Monday. “I did not see her,” the 54-year-old "
     "said.", None),
])
def test_an_age_speaks_for_the_person_named_with_that_age(nlp, body: str,
                                                          speaker: str | None) -> None:
    """News gives a person's age where it names them ("Tom Reyes, 54,"), then refers back by
    the age alone; an age given to someone unnamed names no one."""
    (q,) = quotes_of(nlp, body)
    assert (q.speaker, q.speaker_mention) == (speaker, "the 54-year-old")
