"""Direct quotes and their speakers: one test per pattern, on short texts through the real model.

The mark-pairing tests need no model (`find_quotes` is plain string work); the attribution tests
parse with the project's spaCy model and resolve people with the real `people` module.
"""

from __future__ import annotations

import pytest

from newscrawl.items import Quote
from newscrawl.nlp import people
from newscrawl.nlp.model import load_model
from newscrawl.nlp.quote_marks import find_quotes
from newscrawl.nlp.quotes import extract_quotes


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def quotes_of(nlp, body: str) -> list[Quote]:
    doc = nlp(body)
    found = extract_quotes(doc, people.resolve(doc))
    for q in found:  # the contract every quote keeps
        assert body[q.start:q.end] == q.text
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


def test_missing_closing_mark_ends_at_the_paragraph_not_the_article() -> None:
    text = "“We will not give up, he said.\n\nThe council met on Monday. It said “no” again."
    spans = find_quotes(text)
    assert [text[s.start:s.end] for s in spans] == ["We will not give up, he said.", "no"]
    assert spans[0].close_at is None and spans[0].paragraph == 0 and not spans[0].continues


def test_missing_closing_mark_before_a_new_quote_sentence() -> None:
    text = "“The first part has no end. “The second one does,” she said."
    assert inside(text) == ["The first part has no end.", "The second one does"]


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


def test_multi_paragraph_quote_keeps_one_speaker(nlp) -> None:
    body = ("Thomas Becker said: “The first winter was the hardest for all of us.\n\n"
            "“The second one was better, because the neighbours helped.”")
    first, second = quotes_of(nlp, body)
    assert (first.paragraph, second.paragraph) == (0, 1)
    assert first.speaker == second.speaker == "Thomas Becker"


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
    # earlier speaker and the subject of a "while" clause.
    body = ("“We need more volunteers,” said Thomas Becker. While Paul Weber had plenty of "
            "support, that worries Peter Braun, the head of the local party.\n\n"
            "“Nobody is campaigning for us,” he said.")
    first, q = quotes_of(nlp, body)
    assert first.speaker == "Thomas Becker" and q.speaker == "Peter Braun"


def test_pronoun_skips_names_that_follow_the_same_pronoun(nlp) -> None:
    # ", he said, …" already refers back to the speaker; Paul Weber after it is not him.
    body = ("Thomas Becker expects a hard fight. Such a change, he said, would bring lobbying "
            "by allies of Paul Weber.\n\n“We have to be ready,” he said.")
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Thomas Becker"


def test_pronoun_skips_a_name_used_as_a_modifier(nlp) -> None:
    # "the Hillary Clinton campaign" names a campaign, not a person who could speak next.
    body = ("Mrs Anna Berg runs a women's caucus in Miami.\n\n"
            "Many voters think that the Hillary Clinton campaign took them for granted.\n\n"
            "“They have a big problem,” she said.")
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
    braun, berg, more = quotes_of(nlp, body)
    assert (braun.text, braun.speaker, braun.speaker_mention) == (
        "Will you run for governor next year?", "Peter Braun", "BRAUN")
    assert berg.text.startswith("I have not decided") and berg.speaker == "Anna Berg"
    assert more.speaker == "Anna Berg"  # the turn runs on into the next paragraph


def test_all_caps_word_with_colon_is_not_a_label_without_a_person(nlp) -> None:
    body = "Thomas Becker said: “UPDATE: the bridge is closed until further notice.”"
    (q,) = quotes_of(nlp, body)
    assert q.text.startswith("UPDATE:") and q.speaker == "Thomas Becker"


def test_stage_directions_in_a_transcript_are_not_quotes(nlp) -> None:
    body = ("Anna Berg spoke to Peter Braun.\n\n\"BERG: We are ready.\n\n\"(CROSSTALK)\n\n"
            "\"BRAUN: Thank you, senator.\"")
    assert [q.text for q in quotes_of(nlp, body)] == ["We are ready.", "Thank you, senator."]


def test_speech_participle_after_a_name(nlp) -> None:
    body = "The new ad shows footage of Maria Gonzalez asking, “Why are we not further ahead?”"
    (q,) = quotes_of(nlp, body)
    assert q.speaker == "Maria Gonzalez" and q.cue == "asking"


def test_participle_is_not_given_to_the_subject_of_a_where_clause(nlp) -> None:
    body = ("Small groups of protesters marched past the stadium - where the Chicago Bears "
            "played the Detroit Lions - while chanting, \"Hands up, don't shoot.\"")
    (q,) = quotes_of(nlp, body)
    assert q.speaker != "Chicago Bears" and "protesters" in (q.speaker_mention or "")


def test_short_chanted_question_is_a_quote(nlp) -> None:
    body = "Protesters marching through the streets chanted \"What curfew?\" and kept going."
    (q,) = quotes_of(nlp, body)
    assert q.text == "What curfew?" and q.cue == "chanted"


def test_a_document_reads(nlp) -> None:
    body = ("Twenty years ago, the Daily Herald praised Thomas Becker.\n\n"
            "“Business leaders honored Becker yesterday for what they called ‘the comeback of "
            "the decade,’” the article read.")
    (q,) = quotes_of(nlp, body)
    assert q.text.startswith("Business leaders") and q.cue == "read"
    assert q.speaker_mention == "the article"
