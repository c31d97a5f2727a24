"""Article body extraction: the reference page and one small page per rule of `extract_body`."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import lxml.etree
import pytest

from newscrawl.extract.article import extract_article
from newscrawl.extract.body.extract import Body, _lines, _parse, extract_body
from newscrawl.extract.body.layout import add_split_parts
from newscrawl.extract.body.page import PageHints
from newscrawl.extract.decode import decode_page
from newscrawl.extract.html import parse_html

FIXTURES = Path(__file__).resolve().parent / "fixtures"

ARTICLE = [
    "The city council voted on Tuesday to rebuild the old harbour bridge, ending a dispute that "
    "has divided residents and local businesses for more than ten years.",
    "Engineers told the council that the current structure, opened in 1931, can no longer carry "
    "buses and will need to close to heavy traffic before the end of next year.",
    "“We cannot keep patching a bridge that is older than most of the people who cross it,” "
    "said Maria Lopez, the council member who led the campaign for a new crossing.",
    "Opponents had argued that the money would be better spent on schools, and several of them "
    "walked out of the meeting before the vote was taken late in the evening.",
    "Construction is expected to begin in the spring and to take about three years, during which "
    "a temporary ferry service will carry pedestrians and cyclists across the harbour.",
]
HEADLINE = "Council votes to rebuild the old harbour bridge"


def page(
    *,
    before: str = "",
    paragraphs: list[str] | None = None,
    after: str = "",
    head: str = "",
    outside: str = "",
) -> str:
    """A news page in a typical template: menu, article (headline, extra blocks), footer."""
    paras = "\n".join(f"<p>{p}</p>" for p in (ARTICLE if paragraphs is None else paragraphs))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{HEADLINE} | Harbour Times</title>
<meta property="og:title" content="{HEADLINE}">
{head}
</head><body>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<main><article>
<h1>{HEADLINE}</h1>
<div class="article-body">
{before}
{paras}
{after}
</div>
</article>
{outside}
</main>
<footer><p>&copy; 2024 Harbour Times. All rights reserved.</p></footer>
</body></html>"""


def paragraphs(body: Body) -> list[str]:
    return body.text.split("\n\n") if body.text else []


# --- the reference page -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def mali() -> tuple[Body, dict]:
    html = (FIXTURES / "mali-panetta.html").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / "mali-panetta.expected.json").read_text(encoding="utf-8"))
    return extract_body(html, expected["url"]), expected["body"]


def test_reference_page_starts_and_ends_with_the_article(mali: tuple[Body, dict]) -> None:
    body, expected = mali
    assert body.text.startswith(expected["starts_with"])
    assert body.text.endswith(expected["ends_with"])


def test_reference_page_has_its_paragraphs(mali: tuple[Body, dict]) -> None:
    body, expected = mali
    assert len(paragraphs(body)) == expected["paragraphs"]


@pytest.mark.parametrize("index", range(8))
def test_reference_page_has_no_boilerplate(mali: tuple[Body, dict], index: int) -> None:
    body, expected = mali
    forbidden = expected["must_not_contain"]
    if index >= len(forbidden):
        pytest.skip("fewer forbidden strings in the fixture")
    assert forbidden[index] not in body.text


def test_reference_page_source_is_trafilatura(mali: tuple[Body, dict]) -> None:
    body, _ = mali
    assert body.source == "trafilatura"


# --- format -----------------------------------------------------------------------------------


def test_paragraphs_are_separated_by_one_blank_line() -> None:
    body = extract_body(page())
    assert paragraphs(body) == ARTICLE
    assert "\n\n\n" not in body.text
    assert body.text == body.text.strip()


# --- headline, byline, dateline ---------------------------------------------------------------


def test_headline_is_not_part_of_the_body() -> None:
    body = extract_body(page())
    assert HEADLINE not in body.text
    assert body.text.startswith(ARTICLE[0])


def test_headline_repeated_inside_the_article_container_is_dropped() -> None:
    body = extract_body(page(before=f"<h2>{HEADLINE}</h2>"))
    assert HEADLINE not in body.text
    assert paragraphs(body)[0] == ARTICLE[0]


def test_first_paragraph_that_starts_with_the_headline_words_is_kept() -> None:
    first = (
        f"{HEADLINE} was the question before the members on Tuesday, and after a long debate "
        "they finally agreed to pay for the works."
    )
    body = extract_body(page(paragraphs=[first, *ARTICLE[1:]]))
    assert paragraphs(body)[0] == first


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Doe | Published on 15/01/2013",
        "Published on 15/01/2013",
        "By Jane Doe and John Roe",
        "Updated 5:45 AM PST 11/19/2019",
        "November 20, 2019 - 11:28 AM",
        "Tuesday, 22 January 2018 at 10:13",
        "4 min read",
    ],
)
def test_byline_and_dateline_lines_are_dropped(line: str) -> None:
    body = extract_body(page(before=f"<p>{line}</p>"))
    assert line not in body.text
    assert paragraphs(body) == ARTICLE


def test_a_first_sentence_with_a_date_is_kept() -> None:
    first = "On 15 January 2013 the council met in the old town hall to decide the matter."
    body = extract_body(page(paragraphs=[first, *ARTICLE]))
    assert paragraphs(body)[0] == first


# --- link lists and trailing boilerplate ------------------------------------------------------


def test_related_link_between_paragraphs_is_dropped() -> None:
    related = (
        '<p>Related: <a href="/news/ferry">Ferry operators bid for the harbour contract</a></p>'
    )
    rest = "".join(f"<p>{p}</p>" for p in ARTICLE[2:])
    body = extract_body(page(paragraphs=ARTICLE[:2], after=related + rest))
    assert "Ferry operators bid" not in body.text
    assert paragraphs(body) == ARTICLE


def test_a_sentence_with_a_link_in_it_is_kept() -> None:
    linked = (
        'The plan follows <a href="/news/survey">a survey of the bridge published last year</a> '
        "that found cracks in two of its main supports."
    )
    body = extract_body(page(paragraphs=[*ARTICLE[:2], linked, *ARTICLE[2:]]))
    assert "found cracks in two of its main supports" in body.text
    assert len(paragraphs(body)) == len(ARTICLE) + 1


def test_label_with_teaser_headlines_is_dropped() -> None:
    teasers = (
        "<h3>Don't miss</h3><p>Mayor under fire over parking charges</p>"
        "<p>Five places to eat by the water this summer</p>"
    )
    rest = "".join(f"<p>{p}</p>" for p in ARTICLE[3:])
    body = extract_body(page(paragraphs=ARTICLE[:3], after=teasers + rest))
    assert "Don't miss" not in body.text
    assert "parking charges" not in body.text
    assert paragraphs(body) == ARTICLE


@pytest.mark.parametrize(
    "line",
    [
        "Follow us on Twitter and Facebook for the latest news.",
        "Jane Doe contributed to this report.",
        "Subscribe to our newsletter to get the day's top stories.",
        "Reporting by Jane Doe; Editing by John Roe",
        "Copyright 2024 Harbour Times. All rights reserved.",
        "Write to Jane Doe at jane.doe@example.com",
    ],
)
def test_trailing_boilerplate_is_dropped(line: str) -> None:
    body = extract_body(page(after=f"<p>{line}</p>"))
    assert line not in body.text
    assert body.text.endswith(ARTICLE[-1])


def test_last_quote_paragraph_with_a_credit_appended_is_kept() -> None:
    last = (
        "“The works cannot wait another winter,” said the harbour master, describing cracks "
        "that have widened since the spring. – Additional reporting from Reuters"
    )
    body = extract_body(page(paragraphs=[*ARTICLE, last]))
    assert "The works cannot wait another winter" in body.text


def test_trailing_tags_block_is_dropped() -> None:
    body = extract_body(page(after="<p>Tags</p><p>bridge, harbour, council, ferry, transport</p>"))
    assert "ferry, transport" not in body.text
    assert body.text.endswith(ARTICLE[-1])


@pytest.mark.parametrize(
    "last",
    [
        "He posted the video on Twitter and Facebook on Monday, and it was shared widely.",
        "Shares of the construction company fell 3 percent after the vote.",
        "Follow-up inspections are planned for every bridge in the region next year.",
        "Customers can sign up for the ferry pass at the harbour office from Monday.",
        "The dispute over copyright in the bridge's original design has not been settled.",
    ],
)
def test_last_sentence_that_only_mentions_social_media_or_sign_up_is_kept(last: str) -> None:
    body = extract_body(page(paragraphs=[*ARTICLE, last]))
    assert body.text.endswith(last)


def test_last_paragraph_that_mentions_a_newsletter_in_a_long_sentence_is_kept() -> None:
    last = (
        "The council said it would publish a monthly newsletter about the works, with dates of "
        "closures, ferry timetables and the names of contractors, and post it to every household "
        "on both sides of the harbour before the first lorries arrive next spring."
    )
    body = extract_body(page(paragraphs=[*ARTICLE, last]))
    assert body.text.endswith(last)


# --- article split into several containers ----------------------------------------------------


def test_article_split_by_an_ad_keeps_all_parts_in_order() -> None:
    first = "".join(f"<p>{p}</p>" for p in ARTICLE[:2])
    second = "".join(f"<p>{p}</p>" for p in ARTICLE[2:])
    html = page(paragraphs=[]).replace(
        '<div class="article-body">',
        f'<div class="article-body">{first}</div>'
        '<div class="ad-slot"><span>Advertisement</span></div>'
        f'<div class="article-body">{second}',
    )
    assert paragraphs(extract_body(html)) == ARTICLE


def test_same_class_box_before_the_article_is_not_added() -> None:
    # trafilatura itself may keep such a box; the split-article repair must not add it
    box = '<div class="article-body"><p>' + (
        "Fact box: the harbour bridge carries twelve thousand vehicles a day and was last "
        "repaired in 1998 after a storm damaged its northern end and closed it for a month."
    ) + "</p></div>"
    html = page().replace("<main><article>", f"<main>{box}<article>")
    assert add_split_parts(_parse(html), ARTICLE) == ARTICLE


def test_same_class_box_after_the_article_is_added() -> None:
    box = f'<div class="article-body"><p>{ARTICLE[-2]}</p><p>{ARTICLE[-1]}</p></div>'
    html = page(paragraphs=ARTICLE[:-2]).replace("</article>", f"</article>{box}")
    assert add_split_parts(_parse(html), ARTICLE[:-2]) == ARTICLE


# --- JSON-LD articleBody ----------------------------------------------------------------------


def jsonld(body: str) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": HEADLINE,
            "articleBody": body}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_jsonld_body_is_used_when_the_page_shows_only_a_teaser() -> None:
    teaser = "The city council voted on Tuesday to rebuild the old harbour bridge."
    html = page(
        paragraphs=[teaser], after="<p>Subscribe to read the full story.</p>",
        head=jsonld("\n\n".join(ARTICLE)),
    )
    body = extract_body(html)
    assert body.source == "json-ld:articleBody"
    assert paragraphs(body) == ARTICLE


def test_jsonld_body_in_one_block_is_cut_where_the_page_paragraphs_start() -> None:
    html = page(paragraphs=[], head=jsonld(" ".join(ARTICLE))).replace(
        '<div class="article-body">',
        '<div class="article-body"><p>' + " ".join(ARTICLE[0].split()[:12]) + "</p>"
        "<p>" + " ".join(ARTICLE[2].split()[:10]) + "</p>",
    )
    body = extract_body(html)
    assert body.source == "json-ld:articleBody"
    assert paragraphs(body) == [" ".join(ARTICLE[:2]), " ".join(ARTICLE[2:])]


def test_truncated_jsonld_body_is_rejected() -> None:
    truncated = " ".join(ARTICLE)[:400].rsplit(" ", 1)[0] + "…"
    extra = [*ARTICLE, "The council will vote on the budget for the works next month."]
    body = extract_body(page(paragraphs=extra, head=jsonld(truncated * 2)))
    assert body.source == "trafilatura"
    assert paragraphs(body) == extra


def test_jsonld_body_that_disagrees_with_the_page_is_rejected() -> None:
    other = " ".join(
        f"Sentence {i} of an unrelated text about a football match and its result."
        for i in range(20)
    )
    body = extract_body(page(head=jsonld(other)))
    assert body.source == "trafilatura"
    assert "football" not in body.text


def test_jsonld_body_no_longer_than_the_page_text_is_not_used() -> None:
    body = extract_body(page(head=jsonld(" ".join(ARTICLE))))
    assert body.source == "trafilatura"
    assert paragraphs(body) == ARTICLE  # the page's paragraph structure wins


# --- no article -------------------------------------------------------------------------------


@pytest.mark.parametrize("html", ["", "   \n  ", "<html></html>", "<html><body></body></html>"])
def test_empty_page_gives_empty_body(html: str) -> None:
    assert extract_body(html) == Body("", "none")


def test_menu_only_page_gives_empty_body() -> None:
    html = page(paragraphs=[]).replace(f"<h1>{HEADLINE}</h1>", "")
    assert extract_body(html).text == ""


def test_login_page_gives_empty_body() -> None:
    html = """<html><head><title>Sign in | Harbour Times</title></head><body>
    <form><h1>Sign in</h1><label>Email</label><input name="email"><label>Password</label>
    <input type="password"><button>Sign in</button><a href="/reset">Forgot password?</a></form>
    </body></html>"""
    assert extract_body(html).text == ""


# --- old table layouts ------------------------------------------------------------------------


def table_page(article: str) -> str:
    """A 2000s page laid out as one table: logo row, menu | article | sidebar, footer row."""
    return f"""<html><head><title>Harbour Times - {HEADLINE}</title></head><body>
<table width="760"><tr><td colspan="3"><img src="/logo.gif" alt="Harbour Times"></td></tr>
<tr><td width="140"><a href="/">Home</a><br><a href="/news">News</a><br>
<a href="/sport">Sport</a><br><a href="/letters">Letters</a></td>
<td width="480">{article}</td>
<td width="140"><b>Other stories</b><br><a href="/a">Ferry fares to rise in spring</a><br>
<a href="/b">School wins chess title</a></td></tr>
<tr><td colspan="3">&copy; 2003 Harbour Times. All rights reserved.</td></tr></table>
</body></html>"""


def test_layout_table_gives_the_article_not_one_joined_row() -> None:
    article = f"<h1>{HEADLINE}</h1>" + "".join(f"<p>{p}</p>" for p in ARTICLE)
    body = extract_body(table_page(article))
    assert paragraphs(body) == ARTICLE
    assert "|" not in body.text


def test_layout_table_byline_and_breadcrumb_are_dropped() -> None:
    article = (
        '<font size="1"><a href="/news">News</a> &gt; <a href="/news/local">Local</a></font>'
        f"<h1>{HEADLINE}</h1><font>By Jane Doe<br>Posted 03/04/2003</font>"
        + "".join(f"<p>{p}</p>" for p in ARTICLE)
    )
    assert paragraphs(extract_body(table_page(article))) == ARTICLE


def test_pull_quote_table_inside_a_layout_table_is_kept() -> None:
    quote = "“We cannot keep patching a bridge that is older than its users,” Lopez said."
    article = (
        f"<h1>{HEADLINE}</h1>" + "".join(f"<p>{p}</p>" for p in ARTICLE[:3])
        + f'<table align="right"><tr><td>{quote}</td></tr></table>'
        + "".join(f"<p>{p}</p>" for p in ARTICLE[3:])
    )
    body = extract_body(table_page(article))
    assert quote in body.text
    assert ARTICLE[0] in body.text and ARTICLE[-1] in body.text


def test_data_table_in_an_article_stays_a_table() -> None:
    table = (
        "<table><tr><th>Option</th><th>Cost</th><th>Years</th></tr>"
        "<tr><td>Repair the old bridge</td><td>£12m</td><td>2</td></tr>"
        "<tr><td>Build a new bridge</td><td>£48m</td><td>3</td></tr></table>"
    )
    tree = _parse(page(after=table))
    assert [t.tag for t in tree.iter("table")] == ["table"]
    assert "Repair the old bridge | £12m | 2" in extract_body(page(after=table)).text


def test_rows_of_empty_cells_are_not_lines() -> None:
    text = f"{ARTICLE[0]}\n|  |  |\n| |\n  {ARTICLE[1]}  \n\n| Cost | £12m |"
    assert _lines(text) == [ARTICLE[0], ARTICLE[1], "| Cost | £12m |"]


# --- kicker, caption, standfirst above the text -----------------------------------------------


def story(
    *, above: str = "", below: str = "", head: str = "", paras: list[str] | None = None
) -> str:
    """A template without <article>/<main>: trafilatura keeps the lines around the headline.

    `above` goes before the headline, `below` between headline and article text.
    """
    text = "\n".join(f"<p>{p}</p>" for p in (ARTICLE if paras is None else paras))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{HEADLINE} | Harbour Times</title><meta property="og:title" content="{HEADLINE}">{head}
</head><body>
<div id="top"><a href="/" class="logo">Harbour Times</a>
<ul class="nav"><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></div>
<div id="content"><div class="story">
{above}<h1>{HEADLINE}</h1>{below}
<div class="story-text">
{text}
</div>
<div class="share">Share: <a href="#">Facebook</a> <a href="#">Twitter</a></div>
</div></div>
<div id="foot"><a href="/imprint">Imprint</a> | &copy; 2024 Harbour Times</div>
</body></html>"""


PHOTO = (
    "<div><img src='/bridge.jpg' alt='bridge'><p>The bridge at low tide. Photo: Archive</p></div>"
)


def test_story_template_is_extracted_as_is() -> None:
    assert paragraphs(extract_body(story())) == ARTICLE


@pytest.mark.parametrize("kicker", ["Transport", "Press release", "Local news"])
def test_kicker_above_the_headline_is_dropped(kicker: str) -> None:
    assert paragraphs(extract_body(story(above=f"<p>{kicker}</p>"))) == ARTICLE


def test_short_line_that_also_appears_below_the_headline_is_kept() -> None:
    html = story(above="<p>Transport</p>", paras=["Transport", *ARTICLE])
    assert paragraphs(extract_body(html))[0] == "Transport"


def test_kicker_byline_date_and_photo_caption_are_all_dropped() -> None:
    below = "<p>Von Katrin Vogel und Jonas Weber</p><p>Veröffentlicht am 05.03.2013</p>" + PHOTO
    assert paragraphs(extract_body(story(above="<p>Verkehr</p>", below=below))) == ARTICLE


def test_photo_caption_above_the_text_is_dropped() -> None:
    assert paragraphs(extract_body(story(below=PHOTO))) == ARTICLE


def test_captions_are_figcaptions_and_lone_texts_beside_an_image() -> None:
    html = story(below=PHOTO + "<figure><img src='/b.jpg'><figcaption>Lopez at the vote."
                 "</figcaption></figure>")
    captions = PageHints.from_tree(_parse(html)).captions
    assert captions == {"the bridge at low tide photo archive", "lopez at the vote"}


DESCRIPTION = "Works on the new crossing start in spring and will take about three years."
META = f'<meta name="description" content="{DESCRIPTION}">'


def test_standfirst_equal_to_the_description_is_dropped() -> None:
    html = story(head=META, below=f'<p class="standfirst">{DESCRIPTION}</p>')
    assert paragraphs(extract_body(html)) == ARTICLE


def test_standfirst_and_byline_after_it_are_dropped() -> None:
    og = f'<meta property="og:description" content="{DESCRIPTION}">'
    html = story(head=og, below=f"<p>{DESCRIPTION}</p><p>By Jane Doe</p>")
    assert paragraphs(extract_body(html)) == ARTICLE


def test_standfirst_that_differs_from_the_description_is_kept() -> None:
    standfirst = "Residents and shop owners have argued over the crossing for ten years."
    html = story(head=META, below=f'<p class="standfirst">{standfirst}</p>')
    assert paragraphs(extract_body(html)) == [standfirst, *ARTICLE]


def test_first_body_paragraph_that_doubles_as_the_description_is_kept() -> None:
    head = f'<meta name="description" content="{ARTICLE[0]}">'
    assert paragraphs(extract_body(story(head=head))) == ARTICLE


def test_description_that_is_the_only_text_is_kept() -> None:
    summary = (
        "A film about the harbour bridge, the people who cross it every day and the vote that "
        "will decide its future."
    )
    head = f'<meta name="description" content="{summary}">'
    html = story(head=head, below=f"<p>{summary}</p>", paras=["Video", "Duration 12:30"])
    assert summary in extract_body(html).text


# --- short posts -------------------------------------------------------------------------------

DIALOGUE = [
    "„I know I have had too much and should perhaps not say this…“",
    "– „Then do not say it“",
    "– „Fine.“",
]


def test_short_post_of_quoted_lines_is_exported() -> None:
    # German closing quotes („…“) end a sentence like ” does
    assert paragraphs(extract_body(story(paras=DIALOGUE))) == DIALOGUE


CHINESE_NOTICE = (
    "5月12日，临江市第三座跨江大桥正式通车。大桥全长1.8公里，双向六车道，总投资24.6亿元，"
    "比原计划提前两个月完工。市交通局表示，大桥通车后，两岸之间的通行时间将由40分钟缩短至10分钟，"
    "每天可分流车辆约3万辆次，有效缓解老城区的交通压力。（临江市交通局）"
)


def test_short_chinese_news_item_is_exported() -> None:
    # written without spaces: its dozen comma-separated runs are some 100 words, and its
    # sentences follow each other without a space
    assert paragraphs(extract_body(story(paras=[CHINESE_NOTICE]))) == [CHINESE_NOTICE]


def test_words_of_a_chinese_article_are_counted_about_two_characters_each() -> None:
    article = extract_article(story(paras=[CHINESE_NOTICE]), request_url="https://x.example/a")
    assert article.word_count == 58  # 101 ideographs make 51 words, the numbers 7 more


SHARED_BLOG = (
    Path(__file__).resolve().parent.parent.parent
    / "shared/data/dates-dev/pages/gnaur.wordpress.com.moglichkeit.html.gz"
)


@pytest.mark.skipif(not SHARED_BLOG.exists(), reason="../shared evaluation data not present")
def test_balanced_mode_text_is_used_when_precision_mode_keeps_a_widget() -> None:
    """A real short blog post: precision mode keeps a tweet from the sidebar (no sentence),
    the balanced mode finds the post."""
    html = decode_page(gzip.decompress(SHARED_BLOG.read_bytes())).html
    body = extract_body(html)
    assert body.source == "trafilatura:recall"
    assert paragraphs(body)[-1] == "– „Ok.“"
    assert len(paragraphs(body)) == 3


# --- <noscript> -------------------------------------------------------------------------------


def test_noscript_notice_of_an_app_shell_is_not_a_body() -> None:
    html = (
        "<html><head><title>News</title><script src='/app.js'></script></head><body>"
        "<div id='root'></div><noscript>You need to enable JavaScript to run this app."
        "</noscript></body></html>"
    )
    assert extract_body(html) == Body("", "none")


def test_article_inside_a_long_noscript_is_kept() -> None:
    post = "".join(f"<p>{p}</p>" for p in ARTICLE)
    html = page(paragraphs=[]).replace('<div class="article-body">',
                                       f'<div class="article-body"><noscript>{post}</noscript>')
    body = extract_body(html)
    assert ARTICLE[0] in body.text and ARTICLE[-1] in body.text


TREE_PAGES = {
    "plain": "",
    "notice and layout table": (
        "<noscript>Please enable JavaScript to read this site.</noscript>"
        "<table><tr><td><h2>Town news</h2><p>A column of the page, laid out as a table cell "
        "of the old template.</p></td></tr></table>"
    ),
}


@pytest.mark.parametrize("extra", TREE_PAGES.values(), ids=TREE_PAGES.keys())
def test_the_callers_tree_is_left_as_it_was(extra: str) -> None:
    """The metadata, date and classification steps read the same tree after the body step: it
    is copied when it must change, and trafilatura copies what it is given."""
    paragraphs = "".join(
        f"<p>The harbour committee met on day {n} of the hearing and heard the ferry operators "
        f"explain why the winter timetable had been cut back again this year.</p>"
        for n in range(1, 7))
    html = (f"<html><head><title>Harbour hearing</title></head><body>{extra}<article>"
            f"<h1>Harbour hearing</h1>{paragraphs}</article></body></html>")
    tree = parse_html(html)
    before = lxml.etree.tostring(tree)
    body = extract_body(html, "https://news.example/harbour", tree)
    assert "ferry operators" in body.text
    assert lxml.etree.tostring(tree) == before


def test_short_post_ending_on_a_colon_before_its_link_is_kept() -> None:
    """A one-paragraph post that introduces the link below it ends on a colon, not a full stop;
    a sentence ends inside it, so it is a post, not a menu (a blog's 'News' page heading)."""
    post = ("The harbour club needs your help with the new mooring fees! They would close half "
            "of the small boat sheds by spring, so please sign the appeal here:")
    html = f"""<!DOCTYPE html><html lang="en"><head>
<title>Sign the mooring appeal | Quayside Rowing Club</title></head><body>
<div id="header"><h1><a href="/"><img src="logo.png" alt="Quayside Rowing Club"></a></h1>
<ul><li><a href="/">Home</a></li><li><a href="/club">Club</a></li></ul></div>
<div id="main"><h1>News</h1><div class="entry">
<p class="date"><a href="/2017/03/14/appeal/">Tuesday, 14 March 2017</a></p>
<h2>Sign the mooring appeal</h2>
<div class="text"><p>{post}</p><p><a href="https://appeal.example/">https://appeal.example/</a>
</p></div></div><div class="prev"><a href="/2017/03/01/fees/">Older post</a></div></div>
<div id="foot"><a href="/imprint">Imprint</a></div></body></html>"""
    assert paragraphs(extract_body(html)) == [post]
