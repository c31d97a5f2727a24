"""Article language: the page's declaration unless the text clearly says otherwise."""

from __future__ import annotations

from newscrawl.extract.language import article_language, detect_language

GERMAN = (
    "Die Stadtverwaltung hat am Montag beschlossen, die alte Brücke über den Fluss im kommenden "
    "Frühjahr zu sanieren. Nach Angaben des Bauamts soll die Arbeit etwa sechs Monate dauern, "
    "in dieser Zeit wird der Verkehr über eine Behelfsbrücke geleitet. Die Anwohner begrüßten "
    "die Entscheidung, sorgen sich aber um den Lärm. Der Bürgermeister sagte, man werde die "
    "Bauzeiten so legen, dass die Nachtruhe nicht gestört werde."
)
ENGLISH = "The council voted on Monday to repair the old bridge next spring, officials said."


def test_declared_language_stands_for_text_in_that_language() -> None:
    assert article_language("de", GERMAN) == ("de", None)


def test_clear_text_in_another_language_overrules_a_template_declaration() -> None:
    assert article_language("en", GERMAN) == ("de", "langid (page declares en)")


def test_short_text_does_not_overrule_the_declaration() -> None:
    assert article_language("fr", ENGLISH) == ("fr", None)


def test_undeclared_language_is_detected() -> None:
    assert article_language(None, ENGLISH) == ("en", "langid")


def test_too_little_text_to_tell() -> None:
    assert detect_language("Bridge") is None
    assert article_language(None, "Bridge") == (None, None)
