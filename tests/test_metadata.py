"""Page metadata rules on small hand-written snippets: headline, site name, authors, image, tags."""

from __future__ import annotations

import pytest

from newscrawl.extract.authors import looks_like_name, split_authors
from newscrawl.extract.html import parse_html
from newscrawl.extract.metadata import Metadata, extract_metadata
from newscrawl.extract.sitename import domain_label, is_site_name, strip_site_name

BASE = "https://news.example.org/world/2020/05/06/story"


def meta_of(head: str = "", body: str = "", base: str | None = BASE, lang: str = "en") -> Metadata:
    tree = parse_html(f'<html lang="{lang}"><head>{head}</head><body>{body}</body></html>')
    assert tree is not None
    return extract_metadata(tree, base)


# --- headline without the site name ---------------------------------------------------------------

@pytest.mark.parametrize(("title", "site", "domain", "headline"), [
    ("Floods close bridge | World Desk", "World Desk", None, "Floods close bridge"),
    ("World Desk - Floods close bridge", "World Desk", None, "Floods close bridge"),
    ("Floods close bridge – World Desk", "World Desk", None, "Floods close bridge"),
    ("Floods close bridge — WORLD DESK", "World Desk", None, "Floods close bridge"),
    ("Floods close bridge « Crumb & Co", None, "crumbandco.example", "Floods close bridge"),
    ("Floods close bridge | The Valley Post", None, "www.valleypost.co.uk", "Floods close bridge"),
    ("Valley Post: Floods close bridge", None, "valleypost.com", "Floods close bridge"),
    ("Floods close bridge | News | World Desk", "World Desk", None, "Floods close bridge | News"),
    ("Floods close bridge | Local News", None, None, "Floods close bridge"),
    # nothing to strip
    ("Brexit: May wins vote", "BBC News", "bbc.co.uk", "Brexit: May wins vote"),
    ("Smith: I will stay", "Smithsonian Magazine", None, "Smith: I will stay"),
    ("Spain - France match ends in a draw", "Sports Daily", "sportsdaily.example",
     "Spain - France match ends in a draw"),
    ("Floods close bridge", "World Desk", None, "Floods close bridge"),
])
def test_strip_site_name(title: str, site: str | None, domain: str | None, headline: str) -> None:
    assert strip_site_name(title, site, domain) == headline


@pytest.mark.parametrize(("segment", "site", "same"), [
    ("The Valley Post", "valleypost", True),
    ("Harbourtown Herald Online", "harbourtownherald", True),
    ("Crumb & Co", "crumbandco", True),
    ("Smith", "Smithsonian Magazine", False),
    ("News", "World Desk", False),
    ("Post", "valleypost", False),
])
def test_is_site_name(segment: str, site: str, same: bool) -> None:
    assert is_site_name(segment, site) is same


@pytest.mark.parametrize(("domain", "label"), [
    ("www.valleypost.co.uk", "valleypost"),
    ("news.bbc.co.uk", "bbc"),
    ("example.com", "example"),
    ("www.abc.net.au", "abc"),
    ("www.elbufer-zeitung.de", "elbufer-zeitung"),
    (None, None),
])
def test_domain_label(domain: str | None, label: str | None) -> None:
    assert domain_label(domain) == label


def test_headline_prefers_json_ld_then_og_title() -> None:
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "From LD"}'
            '</script><meta property="og:title" content="From OG"><title>From title</title>')
    assert meta_of(head, "<h1>From h1</h1>").headline == "From LD"
    assert meta_of('<meta property="og:title" content="From OG | Site">'
                   '<meta property="og:site_name" content="Site">').headline == "From OG"


def test_a_meta_tag_cut_at_an_unescaped_quote_is_not_read() -> None:
    # the publisher wrote content="Mayor says "never" to the toll" without escaping the quotes
    head = ('<meta property="og:title" content="Mayor says "never" to the toll">'
            '<meta name="description" content="The council "will not" charge drivers">')
    found = meta_of(head, '<h1>Mayor says "never" to the toll</h1><p>The bridge stays free.</p>')
    assert found.headline == 'Mayor says "never" to the toll'
    assert found.description != "The council"


def test_headline_from_title_when_there_is_no_single_h1() -> None:
    found = meta_of("<title>Bridge reopens | World Desk</title>", "<h1>A</h1><h1>B</h1>")
    assert (found.headline, found.provenance["headline"]) == ("Bridge reopens", "title")


# --- site name ------------------------------------------------------------------------------------

def test_sitename_from_json_ld_publisher_reference() -> None:
    head = """<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
      {"@type": "Organization", "@id": "#org", "name": "The Meridian"},
      {"@type": "NewsArticle", "headline": "H", "publisher": {"@id": "#org"}}]}</script>"""
    found = meta_of(head)
    assert (found.sitename, found.provenance["sitename"]) == ("The Meridian", "json-ld:publisher")


def test_sitename_from_title_segment_that_spells_the_domain() -> None:
    found = meta_of("<title>Valley Post - Bridge reopens</title>",
                    base="https://www.valleypost.example/news/bridge")
    assert (found.sitename, found.headline) == ("Valley Post", "Bridge reopens")


def test_no_sitename_guess_without_evidence() -> None:
    assert meta_of("<title>Bridge reopens - Weekend edition</title>").sitename is None


# --- authors --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("values", "names"), [
    (["By Jane Doe and John Roe"], ["Jane Doe", "John Roe"]),
    (["Von Katrin Vogel und Jonas Weber"], ["Katrin Vogel", "Jonas Weber"]),
    (["Ana Lima, Li Wei & Sam Fox"], ["Ana Lima", "Li Wei", "Sam Fox"]),
    (["https://facebook.com/janedoe", "Jane Doe", "jane@example.org"], ["Jane Doe"]),
    (["Jane Doe", "JANE DOE"], ["Jane Doe"]),
])
def test_split_authors(values: list[str], names: list[str]) -> None:
    assert split_authors(values) == names


@pytest.mark.parametrize(("value", "names"), [
    ("Jane Doe, Business Insider", ["Jane Doe"]),
    ("Analysis by Chris Doe, CNN Editor-at-large", ["Chris Doe"]),
    ("Ilana Doe, MS, RDN", ["Ilana Doe"]),
    ("By DANICA ROE and JILL DOE", ["Danica Roe", "Jill Doe"]),
    ("Business Insider", ["Business Insider"]),
    ("Practical Horses Editorial Staff", []),
])
def test_split_authors_drops_titles_credentials_and_site(value: str, names: list[str]) -> None:
    assert split_authors([value], ["Business Insider"]) == names


def test_split_authors_drops_the_domain_name() -> None:
    assert split_authors(["Kevin Doe", "USA TODAY"], ["usatoday"]) == ["Kevin Doe"]


@pytest.mark.parametrize(("text", "name"), [
    ("Jane Doe", True),
    ("Ludwig van Beethoven", True),
    ("Mary O'Neill-Smith", True),
    ("Chief Reporter", False),
    ("20 November 2019", False),
    ("Jane", False),
    ("Read more stories like this one", False),
    ("The Russian", False),
])
def test_looks_like_name(text: str, name: bool) -> None:
    assert looks_like_name(text) is name


def test_authors_from_graph_person_references() -> None:
    head = """<script type="application/ld+json">{"@graph": [
      {"@type": "NewsArticle", "headline": "H", "author": [{"@id": "#p1"}, {"@id": "#p2"}]},
      {"@type": "Person", "@id": "#p1", "name": "Tomasz Wójcik"},
      {"@type": "Person", "@id": "#p2", "name": "Hannah Reyes"}]}</script>"""
    assert meta_of(head).authors == ["Tomasz Wójcik", "Hannah Reyes"]


def test_authors_from_meta() -> None:
    assert meta_of('<meta name="author" content="Ellen Marsh">').authors == ["Ellen Marsh"]


def test_authors_from_byline_class_drop_job_titles() -> None:
    found = meta_of(body='<div class="byline">By Rhys Morgan, Chief Reporter</div><p>Text.</p>')
    assert (found.authors, found.provenance["authors"]) == (["Rhys Morgan"], "byline")


def test_byline_text_nodes_do_not_run_together() -> None:
    body = ('<div class="story-byline"><span>By ANA LIMA and LI WEI</span>'
            '<span>Monday, 18 November</span></div>')
    assert meta_of(body=body).authors == ["Ana Lima", "Li Wei"]


def test_authors_from_itemprop_name() -> None:
    body = ('<span itemprop="author" itemscope><span itemprop="name">Ana Lima</span> '
            '<span itemprop="jobTitle">Science editor</span></span>')
    assert meta_of(body=body).authors == ["Ana Lima"]


def test_authors_from_untagged_by_line() -> None:
    body = ('<td><font size="2">By Gareth Price<br>Posted 03/04/2003</font>'
            "<p>By then it was dark.</p>")
    found = meta_of(body=body)
    assert (found.authors, found.provenance["authors"]) == (["Gareth Price"], "byline:text")


def test_comment_authors_are_not_bylines() -> None:
    body = ('<p>Story text.</p><div class="comments"><div class="comment-author">'
            '<span class="author">Ken Dodd</span></div><p>By Ken Dodd</p></div>')
    assert meta_of(body=body).authors == []


def test_byline_sentence_in_text_is_not_an_author() -> None:
    assert meta_of(body="<p>By Tuesday the river had fallen by a metre.</p>").authors == []


# --- image ----------------------------------------------------------------------------------------

def test_og_image_wins_and_is_made_absolute() -> None:
    found = meta_of('<meta property="og:image" content="/img/lead.jpg">',
                    '<figure><img src="/img/other.jpg"></figure>')
    assert (found.image, found.provenance["image"]) == ("https://news.example.org/img/lead.jpg",
                                                        "meta:og:image")


def test_json_ld_image_reference() -> None:
    head = """<script type="application/ld+json">{"@graph": [
      {"@type": "ImageObject", "@id": "#img", "url": "https://cdn.example.org/a.jpg"},
      {"@type": "NewsArticle", "headline": "H", "image": {"@id": "#img"}}]}</script>"""
    assert meta_of(head).image == "https://cdn.example.org/a.jpg"


def test_figure_image_is_the_fallback() -> None:
    body = ('<header><img src="/static/masthead.jpg" width="900" height="120"></header>'
            '<p><img src="/img/inline.jpg"></p><figure><img src="../lead.jpg"></figure>')
    found = meta_of(body=body)
    assert (found.image, found.provenance["image"]) == (
        "https://news.example.org/world/2020/05/lead.jpg", "figure")


def test_first_content_image_skips_logos_icons_ads_and_tiny_images() -> None:
    body = ('<img src="/img/site-logo.png"><img src="/img/spacer.jpg" width="1" height="1">'
            '<img src="/avatar/jane.jpg"><img src="/ads/300x250.jpg"><img src="/img/anim.gif">'
            '<aside><img src="/img/promo.jpg"></aside>'
            '<img data-src="/img/real.jpg" src="data:image/gif;base64,R0lGOD">')
    assert meta_of(body=body).image == "https://news.example.org/img/real.jpg"


def test_amp_img_and_base_href() -> None:
    found = meta_of('<base href="https://cdn.example.net/site/">',
                    '<figure><amp-img src="photos/a.jpg" width="800"></amp-img></figure>')
    assert found.image == "https://cdn.example.net/site/photos/a.jpg"


def test_no_image() -> None:
    assert meta_of(body="<p>Text only.</p>").image is None


# --- URL, tags, language, description -------------------------------------------------------------

def test_canonical_pointing_at_the_home_page_is_ignored() -> None:
    head = ('<link rel="canonical" href="https://news.example.org/">'
            '<meta property="og:url" content="https://news.example.org/a/story">')
    found = meta_of(head)
    assert found.url == "https://news.example.org/a/story"
    assert found.provenance["url"] == "meta:og:url"


def test_relative_canonical_resolves_against_the_page_url() -> None:
    assert meta_of('<link rel="canonical" href="/b/story">').url == "https://news.example.org/b/story"


def test_tags_from_rel_tag_not_categories() -> None:
    body = ('<article><a rel="category tag" href="/category/news/">News</a>'
            '<a rel="tag" href="/tag/floods/">Floods</a> '
            '<a rel="tag" href="/tag/rivers/">Rivers</a>'
            "</article>")
    assert meta_of(body=body).tags == ["Floods", "Rivers"]


def test_tags_from_keywords_meta() -> None:
    head = '<meta name="keywords" content="Verkehr, Stadtrat,  Radverkehr, verkehr">'
    assert meta_of(head).tags == ["Verkehr", "Stadtrat", "Radverkehr"]


def test_tag_links_in_related_boxes_are_not_tags() -> None:
    body = ('<article><p>Text</p><div class="related"><a href="/tag/other/">Other</a></div>'
            "</article>")
    assert meta_of(body=body).tags == []


@pytest.mark.parametrize(("lang", "head", "code"), [
    ("de-DE", "", "de"),
    ("", '<meta property="og:locale" content="fr_FR">', "fr"),
    ("EN", "", "en"),
])
def test_language(lang: str, head: str, code: str) -> None:
    assert meta_of(head, lang=lang).language == code


def test_description_from_meta() -> None:
    head = '<meta name="description" content="  A short   summary. ">'
    assert meta_of(head).description == "A short summary."


def test_a_url_given_as_site_name_is_not_a_name() -> None:
    html = (
        '<html><head><meta property="og:site_name" content="https://www.valleypost.example">'
        '<title>Bridge reopens | The Valley Post</title></head><body></body></html>'
    )
    meta = extract_metadata(parse_html(html), "https://www.valleypost.example/news/bridge")
    assert meta.sitename == "The Valley Post"


def test_site_root_image_on_a_page_without_web_url_is_dropped() -> None:
    html = '<html><head><meta property="og:image" content="/photo/lead.jpg"></head></html>'
    meta = extract_metadata(parse_html(html), "file:///home/me/pages/story.html")
    assert meta.image is None


def test_page_relative_image_on_a_saved_page_stays_beside_it() -> None:
    html = '<html><head><meta property="og:image" content="story_files/lead.jpg"></head></html>'
    meta = extract_metadata(parse_html(html), "file:///home/me/pages/story.html")
    assert meta.image == "file:///home/me/pages/story_files/lead.jpg"


# --- unseen-page classes: site names, kickers, mastheads, bylines ---------------------------------

@pytest.mark.parametrize(("title", "site", "domain", "headline"), [
    # the domain abbreviates the site's name
    ("Harbour fees rise again - The Lakeside Evening Gazette", None, "www.legazette.example",
     "Harbour fees rise again"),
    ("Harbour fees rise again | North Valley Times", None, "nvtimes.com",
     "Harbour fees rise again"),
    # the declared site name carries a tagline the title does not
    ("Harbour fees rise again - Lakeside Gazette", "Lakeside Gazette - Local news since 1901",
     None, "Harbour fees rise again"),
    # the site named in the middle, its tagline after a bar
    ("Harbour fees rise again : Lakeside Gazette | News from the shore | Since 1901", None,
     "lakesidegazette.example", "Harbour fees rise again"),
    # breadcrumb after a site prefix
    ("Lakeside Gazette » Archive » Harbour fees rise again", None, "lakesidegazette.example",
     "Harbour fees rise again"),
    # a title that is only the declared site name still loses the domain's name
    ("Harbour fees rise again - Lakeside", "Harbour fees rise again - Lakeside",
     "lakeside.example", "Harbour fees rise again"),
])
def test_strip_site_name_unseen_forms(title: str, site: str | None, domain: str | None,
                                      headline: str) -> None:
    assert strip_site_name(title, site, domain) == headline


@pytest.mark.parametrize("title", ["临江三桥正式通车_临江日报网", "临江三桥正式通车｜临江日报网"])
def test_a_short_last_segment_after_a_chinese_title_bar_is_the_site(title: str) -> None:
    # no site name known (no og:site_name, a domain of initials): the underscore and the
    # full-width bar are no headline's punctuation
    assert strip_site_name(title, None, "ljrb.example") == "临江三桥正式通车"


@pytest.mark.parametrize(("title", "author"), [
    ("临江三桥正式通车_临江新闻", "临江"),
    # the headline ends on a half-width question mark or quote before the underscore
    ("临江三桥为何提前通车?_临江新闻", "临江"),
    ('临江三桥为何"提前通车"_临江新闻', "临江"),
    ("Bridge reopens after two years | Lakeside Daily", "Lakeside Daily"),
])
def test_a_meta_author_the_title_names_as_its_site_is_no_author(title: str, author: str) -> None:
    # no og:site_name, and a domain that does not spell the name: the <title> names the site
    head = f'<title>{title}</title><meta name="author" content="{author}">'
    found = extract_metadata(parse_html(f"<html><head>{head}</head><body><p>Text.</p>"
                                        "</body></html>"), "https://hpo.example/a")
    assert found.authors == []


CHINESE_STORY = ("临江市第三座跨江大桥正式通车。大桥全长1.8公里，双向六车道，"
                 "比原计划提前两个月完工。市交通局表示，两岸之间的通行时间将由40分钟缩短至10分钟。")


@pytest.mark.parametrize(("opening", "authors"), [
    ("临江日报5月12日讯（记者王小明 整合）", ["王小明"]),
    ("临江新闻记者 张伟 李娜　", ["张伟", "李娜"]),
    # the reporter as the subject of a sentence, not a credit
    ("记者了解到，", []),
])
def test_a_chinese_dateline_credits_its_reporters(opening: str, authors: list[str]) -> None:
    found = meta_of("", f"<h1>临江三桥正式通车</h1><p>{opening}{CHINESE_STORY}</p>", lang="zh")
    assert found.authors == authors


@pytest.mark.parametrize(("opening", "authors"), [
    ("<p><strong>执笔/赵一鸣、钱多多&amp;孙小飞</strong></p>", ["赵一鸣", "钱多多", "孙小飞"]),
    ("<p>《临江周刊》作者 周小舟</p>", ["周小舟"]),
    # a photo's credit opening the text names the photographer, not the writer
    ("<p>资料图：大桥通车当天。临江日报记者 吴大伟 摄</p>", []),
])
def test_a_chinese_writing_credit_opening_the_text_names_its_writers(
        opening: str, authors: list[str]) -> None:
    found = meta_of("", f"<h1>临江三桥正式通车</h1>{opening}<p>{CHINESE_STORY}</p>", lang="zh")
    assert found.authors == authors


@pytest.mark.parametrize(("closing", "authors"), [
    ("<p>采写：临江日报见习记者 林小川</p>", ["林小川"]),
    ("<p>两岸居民期待已久。(文/图 刘一帆 易小楠)</p>", ["刘一帆", "易小楠"]),
])
def test_a_chinese_credit_ending_the_text_names_its_writers(closing: str,
                                                             authors: list[str]) -> None:
    story = f"<p>{CHINESE_STORY}</p>" * 4
    body = (f"<h1>临江三桥正式通车</h1><div>{story}{closing}</div>"
            "<div><p>相关新闻：临江二桥维修完成</p></div>")
    assert meta_of("", body, lang="zh").authors == authors


@pytest.mark.parametrize("widget", [
    '<div class="authorized-consent"><span>Accept All</span></div>',  # a consent pop-up
    '<div class="authority-badge">Trusted Source</div>',
])
def test_a_box_marked_with_a_word_author_starts_is_no_byline(widget: str) -> None:
    body = f'{FERRY_H1}{widget}<p class="byline">By Laura Brandt</p>{FERRY_TEXT}'
    assert meta_of("", body).authors == ["Laura Brandt"]


def test_a_teaser_author_introducing_its_title_with_a_colon_is_no_byline() -> None:
    teasers = ('<ul><li><a href="/blog/2"><span class="author">陈大川：</span>新年展望</a></li>'
               '<li><a href="/blog/3"><span class="author">Tom Poe:</span>Why fares rise</a></li>'
               '</ul>')
    body = f"<h1>临江三桥正式通车</h1><p>临江日报讯（记者 王小明）{CHINESE_STORY}</p>{teasers}"
    assert meta_of("", body, lang="zh").authors == ["王小明"]


def test_a_copyright_box_styled_as_an_author_box_is_no_byline() -> None:
    box = ('<div class="authorbio"><ul><li><strong>版权声明</strong> 来源：临江日报 作者：</li>'
           '<li><strong>转载请注明：</strong><a href="/news/1.html">临江三桥正式通车 | 临江日报</a>'
           '</li></ul></div>')
    body = (f"<h1>临江三桥正式通车</h1><article><p>{CHINESE_STORY}</p>"
            f"<p>两岸居民期待已久。(文/图 刘一帆 易小楠)</p></article>{box}")
    assert meta_of("", body, lang="zh").authors == ["刘一帆", "易小楠"]


def test_a_chinese_credit_beats_a_meta_author_it_does_not_name() -> None:
    head = '<meta name="author" content="临江日报">'
    body = f"<h1>临江三桥正式通车</h1><p>临江日报讯（记者 王小明）{CHINESE_STORY}</p>"
    assert meta_of(head, body, lang="zh").authors == ["王小明"]


def test_site_named_mid_title_before_a_colon_is_not_a_tagline() -> None:
    title = "Port strike - Dockers: We will not go back"
    assert strip_site_name(title, None, "dockers.example") == title


@pytest.mark.parametrize(("segment", "site", "same"), [
    ("The Lakeside Evening Gazette", "legazette", True),
    ("North Valley Times", "nvtimes", True),
    ("Harbour fees", "hf", False),  # too short to be read as initials
    ("Night Vision Tips", "nvtimes", False),
])
def test_is_site_name_by_abbreviation(segment: str, site: str, same: bool) -> None:
    assert is_site_name(segment, site) is same


@pytest.mark.parametrize(("domain", "label"), [
    ("www.harbour-news.com.au", "harbour-news"),
    ("127.0.0.1", None),
    ("localhost", "localhost"),
])
def test_domain_label_uses_the_public_suffix_list(domain: str, label: str | None) -> None:
    assert domain_label(domain) == label


def test_kicker_before_a_bar_goes_when_the_h1_shows_the_headline() -> None:
    found = meta_of('<meta property="og:title" content="Analysis | Ferry fares will double">',
                    "<h1>Ferry fares will double</h1>")
    assert found.headline == "Ferry fares will double"


def test_section_label_before_a_bar_goes_when_the_page_declares_that_section() -> None:
    found = meta_of('<meta property="article:section" content="Letters">'
                    '<meta property="og:title" content="Letters | Ferry fares will double">')
    assert found.headline == "Ferry fares will double"


def test_topic_before_a_colon_stays_without_h1_evidence() -> None:
    found = meta_of('<meta property="article:section" content="Ferries">'
                    '<meta property="og:title" content="Ferries: fares will double">')
    assert found.headline == "Ferries: fares will double"


def test_byline_after_the_title_is_not_part_of_the_headline() -> None:
    found = meta_of("<title>Ferry fares will double - By Ines Castell - Harbour Post</title>",
                    base="https://harbourpost.example/ferry")
    assert found.headline == "Ferry fares will double"


def test_words_after_von_in_a_title_are_not_a_byline() -> None:
    title = "Laufen lernen - Von null zu zehn Kilometern"
    assert meta_of(f'<meta property="og:title" content="{title}">').headline == title


def test_blog_masthead_h1_is_the_site_not_the_headline() -> None:
    found = meta_of("<title>Plum jam with cardamom | Grandma's Pantry</title>",
                    '<h1><a href="https://pantry.example/">Grandma\'s Pantry</a></h1>'
                    "<h2>Plum jam with cardamom</h2>", base="https://pantry.example/plum-jam")
    assert (found.headline, found.provenance["headline"]) == ("Plum jam with cardamom", "title")


def test_h1_linking_home_is_a_masthead_only_when_the_title_names_it_apart() -> None:
    found = meta_of("<title>Plum jam with cardamom</title>",
                    '<h1><a href="/">Plum jam with cardamom</a></h1>')
    assert found.headline == "Plum jam with cardamom"


def test_h1_naming_the_site_becomes_the_site_name() -> None:
    found = meta_of("<title>Plum jam</title>",
                    '<h1><a href="/">The Pantry Times</a></h1>', base="https://ptimes.example/a")
    assert (found.sitename, found.provenance["sitename"]) == ("The Pantry Times", "h1")


@pytest.mark.parametrize(("values", "names"), [
    # labels ending in 'by' in several languages
    (["Posted by Ines Castell"], ["Ines Castell"]),
    (["Publié par Ines Castell"], ["Ines Castell"]),
    (["Veröffentlicht von", "Ines Castell"], ["Ines Castell"]),
    # 'von' inside a name is a particle, not 'by'
    (["Karla von Ostheim"], ["Karla von Ostheim"]),
    # a web address after the name
    (["Ines Castell - https://castell.example"], ["Ines Castell"]),
    (["Radio Norte (www.radionorte.example)"], ["Radio Norte"]),
    # account names and addresses where a name belongs
    (["admin"], []),
    (["harbourpost.example"], []),
    # two names joined by a dash or a slash
    (["Ines Castell - Tomas Berg"], ["Ines Castell", "Tomas Berg"]),
    (["Ines Castell / Tomas Berg"], ["Ines Castell", "Tomas Berg"]),
    # an organisation whose name has 'and' in it stays whole
    (["Office for Roads and Bridges"], ["Office for Roads and Bridges"]),
    (["Amt für Straßen und Brücken"], ["Amt für Straßen und Brücken"]),
    # a dateline place or a publication beside people's names
    (["Ines Castell, Lisbon, Tomas Berg"], ["Ines Castell", "Tomas Berg"]),
    (["Ines Castell", "Wirewire"], ["Ines Castell"]),
    # a one-word author alone is what the page says
    (["Castell"], ["Castell"]),
    # a one-line bio
    (["Ines Castell is a staff writer covering ports"], ["Ines Castell"]),
])
def test_split_authors_unseen_forms(values: list[str], names: list[str]) -> None:
    assert split_authors(values) == names


def test_name_then_publication_after_a_full_stop() -> None:
    assert split_authors(["Ines Castell. Harbour Post"], ["Harbour Post"]) == ["Ines Castell"]


@pytest.mark.parametrize(("text", "name"), [
    ("王海燕", True),
    ("محمد", True),
    ("Ines Castell", True),
    ("Posted by", False),
])
def test_looks_like_name_in_scripts_without_capitals(text: str, name: bool) -> None:
    assert looks_like_name(text) is name


def test_account_name_in_meta_gives_way_to_the_printed_byline() -> None:
    found = meta_of('<meta name="author" content="webeditor">',
                    '<div class="byline">By Ines Castell</div><p>Text.</p>')
    assert (found.authors, found.provenance["authors"]) == (["Ines Castell"], "byline")


# --- more unseen-page classes: agencies, credits, 'and' in other languages, glued kickers,
# section suffixes, more site-name forms ---------------------------------------------------------

@pytest.mark.parametrize(("values", "names"), [
    # an agency printed after the name, in parentheses, after a slash, after 'with'
    (["Ines Castell (AFP)"], ["Ines Castell"]),
    (["Ines Castell/dpa"], ["Ines Castell"]),
    (["By Ines Castell with AP"], ["Ines Castell"]),
    # credits for other work beside the writer's
    (["Reporting by Ines Castell; Editing by Tomas Berg"], ["Ines Castell"]),
    (["Text: Ines Castell, Photos: Tomas Berg"], ["Ines Castell"]),
    (["Interview: Ines Castell"], ["Ines Castell"]),
    # a credit alone is still what the page says
    (["Photos by Tomas Berg"], ["Tomas Berg"]),
    # roles between names of a list, and roles in other languages
    (["Ines Castell, Senior Correspondent, and Tomas Berg, Photographer"],
     ["Ines Castell", "Tomas Berg"]),
    (["Marie Dupont, Rédactrice en chef"], ["Marie Dupont"]),
    (["Ana Ruiz, Periodista"], ["Ana Ruiz"]),
    # a dateline place after the name
    (["Ines Castell in Lisbon"], ["Ines Castell"]),
    # a label ending in 'by' in the other languages of bylines ('door', 'av')
    (["Geschreven door Anna de Wit"], ["Anna de Wit"]),
    (["Skrevet av Kari Lunde"], ["Kari Lunde"]),
    # 'by' in another language after a credit for other work
    (["Kari Lunde, Foto av Ola Berg"], ["Kari Lunde"]),
    # 'and' in other languages and scripts
    (["Giulia Neri e Marco Sala"], ["Giulia Neri", "Marco Sala"]),
    (["Jan de Wit en Piet Smit"], ["Jan de Wit", "Piet Smit"]),
    (["Иван Петров и Анна Смирнова"], ["Иван Петров", "Анна Смирнова"]),
    (["王海燕、李明"], ["王海燕", "李明"]),
    # a one-letter 'and' inside one person's surnames, or an organisation's name, stays
    (["Ana Pereira e Silva"], ["Ana Pereira e Silva"]),
    (["Ministério da Ciência e Tecnologia"], ["Ministério da Ciência e Tecnologia"]),
])
def test_split_authors_agencies_credits_and_lists(values: list[str], names: list[str]) -> None:
    assert split_authors(values) == names


@pytest.mark.parametrize("text", ["Иван Петров", "Γιώργος Παπαδόπουλος"])
def test_looks_like_name_in_other_scripts_with_capitals(text: str) -> None:
    assert looks_like_name(text)


def test_kicker_glued_to_the_h1_is_not_part_of_the_headline() -> None:
    found = meta_of("<title>Ferry fares will double | Harbour Post</title>",
                    '<h1><span class="label">Exclusive</span>Ferry fares will double</h1>')
    assert (found.headline, found.provenance["headline"]) == ("Ferry fares will double", "h1")


def test_og_title_with_the_h1_kicker_glued_on_gives_the_headline() -> None:
    found = meta_of('<meta property="og:title" content="ExclusiveFerry fares will double">',
                    '<h1><span class="label">Exclusive</span>Ferry fares will double</h1>')
    assert found.headline == "Ferry fares will double"


@pytest.mark.parametrize(("h1", "headline"), [
    ("<em>Titanic</em> sinks again in the harbour", "Titanic sinks again in the harbour"),
    ("Ferry fares<br>will double", "Ferry fares will double"),
])
def test_h1_words_set_apart_by_markup_stay_words(h1: str, headline: str) -> None:
    assert meta_of("", f"<h1>{h1}</h1>").headline == headline


@pytest.mark.parametrize("title", [
    "Ferry fares will double - Letters", "Ferry fares will double | Letters | Harbour Post",
])
def test_declared_section_after_the_headline_goes(title: str) -> None:
    found = meta_of('<meta property="article:section" content="Letters">'
                    f'<meta property="og:title" content="{title}">',
                    base="https://harbourpost.example/letters/ferry")
    assert found.headline == "Ferry fares will double"


@pytest.mark.parametrize("title", [
    "Ferry fares will double (Harbour Post)",
    "Ferry fares will double :: Harbour Post",
    "Ferry fares will double / Harbour Post",
    "Harbour Post | Letters | Ferry fares will double",
])
def test_strip_site_name_parenthesised_doubled_slashed_and_before_a_section(title: str) -> None:
    assert strip_site_name(title, None, "harbourpost.example") == "Ferry fares will double"


@pytest.mark.parametrize(("title", "headline"), [
    ("Ferry fares will double (and more)", "Ferry fares will double (and more)"),
    ("Harbour Post | Ferry fares will double | News from the shore",
     "Ferry fares will double | News from the shore"),
])
def test_strip_site_name_keeps_what_names_no_site(title: str, headline: str) -> None:
    assert strip_site_name(title, None, "harbourpost.example") == headline


def test_article_container_named_after_its_author_is_no_byline() -> None:
    found = meta_of("", '<article class="author-post"><h1>Ferry fares will double</h1>'
                    "<p>Ines Castell</p><p>The harbour board voted on Monday.</p></article>"
                    '<p class="byline">By Tomas Berg</p>')
    assert (found.authors, found.provenance["authors"]) == (["Tomas Berg"], "byline")


# --- agencies, handles, reporter titles in CJK bylines, all-capitals lists, credits -----------

@pytest.mark.parametrize(("values", "names"), [
    # an agency alone is the byline; beside a writer it is the writer's employer
    (["By Reuters"], ["Reuters"]),
    (["AP"], ["AP"]),
    (["dpa"], ["dpa"]),
    (["Ines Castell, Associated Press"], ["Ines Castell"]),
    # a dateline place of several words beside the writer's name
    (["Ines Castell, New York"], ["Ines Castell"]),
    (["Ines Castell and Tomas Berg, Los Angeles"], ["Ines Castell", "Tomas Berg"]),
    # a social-media handle beside the name
    (["Ines Castell (@icastell)"], ["Ines Castell"]),
    (["Ines Castell @icastell"], ["Ines Castell"]),
    # an e-mail address is no handle: the value is no name at all
    (["Ines Castell info@castell-verlag.example"], []),
    # 'reporter' before or after the name in Chinese, Japanese and Korean bylines
    (["记者 王海燕"], ["王海燕"]),
    (["山田太郎記者"], ["山田太郎"]),
    (["김민준 기자"], ["김민준"]),
    # an all-capitals list still splits at its 'AND'; a one-letter word stays an initial
    (["BY INES CASTELL AND TOMAS BERG"], ["Ines Castell", "Tomas Berg"]),
    (["INES M CASTELL"], ["Ines M Castell"]),
    # bullets separate credits; additional reporting is no authorship
    (["Story by Ines Castell • Photos by Tomas Berg"], ["Ines Castell"]),
    (["Ines Castell with additional reporting by Tomas Berg"], ["Ines Castell"]),
    (["Reporting by Ines Castell; Additional reporting by Tomas Berg"], ["Ines Castell"]),
])
def test_split_authors_agencies_handles_titles_and_credits(values: list[str],
                                                           names: list[str]) -> None:
    assert split_authors(values) == names


SITE_AS_AUTHOR = (
    '<meta property="og:site_name" content="Harbour Post">'
    '<script type="application/ld+json">{"@type": "NewsArticle", '
    '"author": {"@type": "Organization", "name": "Harbour Post"}}</script>'
)


def test_site_given_as_json_ld_author_yields_to_the_printed_byline() -> None:
    found = meta_of(SITE_AS_AUTHOR, '<p class="byline">By Ines Castell</p><p>The board met.</p>')
    assert (found.authors, found.provenance["authors"]) == (["Ines Castell"], "byline")


def test_site_given_as_json_ld_author_is_no_author_without_a_byline() -> None:
    assert meta_of(SITE_AS_AUTHOR, "<p>The board met.</p>").authors == []


def test_headline_cut_short_with_an_ellipsis_yields_to_the_whole_one() -> None:
    whole = "Ferry fares will double next spring as the operator's fuel bill keeps climbing"
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", '
            '"headline": "Ferry fares will double next spring as the operator\'s fuel…"}</script>')
    assert meta_of(head, f"<h1>{whole}</h1>").headline == whole


def test_headline_whose_own_ellipsis_the_title_repeats_is_not_cut() -> None:
    # the social title ends with three dots, the <title> goes on after its own "…" with the
    # site's name: the headline ends with an ellipsis, nothing was cut
    head = ('<title>All in good time… | Notes from the Valley</title>'
            '<meta property="og:title" content="All in good time...">')
    assert meta_of(head, "<p>Some text.</p>").headline == "All in good time..."


def test_kicker_on_its_own_line_in_the_h1_is_not_part_of_the_headline() -> None:
    found = meta_of("", '<h1><span class="label">Analysis</span><br>Why ferry fares will double'
                    "</h1>")
    assert found.headline == "Why ferry fares will double"


@pytest.mark.parametrize(("title", "site", "headline"), [
    ("渡船票价将翻倍｜海港邮报", "海港邮报", "渡船票价将翻倍"),
    ("渡船票价将翻倍_海港邮报", "海港邮报", "渡船票价将翻倍"),
    ("Ferry fares will double ｜ Harbour Post", "Harbour Post", "Ferry fares will double"),
    ("snake_case names in Python code", "Harbour Post", "snake_case names in Python code"),
    ("Ferry fares will double -- Harbour Post", "Harbour Post", "Ferry fares will double"),
    ("渡船票价将翻倍-海港邮报", "海港邮报", "渡船票价将翻倍"),
    ("渡船運賃が倍に：港湾新報", "港湾新報", "渡船運賃が倍に"),
    ("港湾新報：渡船運賃が倍に", "港湾新報", "渡船運賃が倍に"),
])
def test_strip_site_name_full_width_cjk_and_doubled_separators(title: str, site: str,
                                                               headline: str) -> None:
    """The full-width bar and colon, an underscore or hyphen between CJK characters, '--'."""
    assert strip_site_name(title, site) == headline


@pytest.mark.parametrize("title", [
    "Ferry fares -- a look back at a decade of rises",
    "渡船票价-港口新闻",
    "渡船：運賃が倍に",
])
def test_topic_before_a_new_separator_stays_when_it_names_no_site(title: str) -> None:
    assert strip_site_name(title, "Harbour Post", "harbourpost.example") == title


@pytest.mark.parametrize(("head", "body"), [
    ('<meta property="og:title" content="Ferry fares will double - Quayside Weekly">',
     "<h1>Ferry fares will double</h1>"),
    ('<meta property="og:title" content="Ferry fares will double -- QW">',
     "<h1>Ferry fares will double</h1>"),
    ('<meta property="og:title" content="Ferry fares will double: Quayside Weekly">',
     '<h1>Ferry fares will double</h1><div class="m"><h1>Ferry fares will double</h1></div>'),
])
def test_h1_wins_over_a_title_that_adds_an_unnamed_segment(head: str, body: str) -> None:
    assert meta_of(head, body).headline == "Ferry fares will double"


@pytest.mark.parametrize(("og_title", "h1", "headline"), [
    ("Ferry fares will double | Quayside Weekly", "Quayside Weekly", "Ferry fares will double"),
    ("Quayside Weekly | Ferry fares will double", "Quayside Weekly",
     "Quayside Weekly | Ferry fares will double"),
    ("Ferry fares will double - Letters", "Letters", "Ferry fares will double - Letters"),
    ("Ferry fares will double", "Ferry", "Ferry fares will double"),
])
def test_site_or_section_h1_never_replaces_the_metadata_headline(og_title: str, h1: str,
                                                                 headline: str) -> None:
    head = f'<meta property="og:title" content="{og_title}">'
    assert meta_of(head, f"<h1>{h1}</h1>").headline == headline


@pytest.mark.parametrize(("values", "names"), [
    (["Ines Castell | Buenos Aires | 08/01/2014"], ["Ines Castell"]),
    (["Ines Castell • Kuala Lumpur • Aug. 1, 2014"], ["Ines Castell"]),
    (["By Ines Castell | 2014-08-01"], ["Ines Castell"]),
    (["Ines Castell | Tomas Berg"], ["Ines Castell", "Tomas Berg"]),
])
def test_date_and_place_fields_of_a_bar_byline_are_no_authors(values: list[str],
                                                              names: list[str]) -> None:
    assert split_authors(values) == names


def test_printed_byline_with_place_and_date_fields_gives_the_person() -> None:
    found = meta_of("", '<h1>Ferry fares will double</h1>'
                    '<p class="byline">Ines Castell | Buenos Aires | 08/01/2014</p>')
    assert found.authors == ["Ines Castell"]


def test_h1_with_the_curly_quotes_the_page_prints_wins_over_typed_ones() -> None:
    head = '<meta property="og:title" content="Harbour&#039;s fares will &quot;double&quot;">'
    body = "<h1>Harbour&#8217;s fares will &#8220;double&#8221;</h1>"
    assert meta_of(head, body).headline == "Harbour’s fares will “double”"


# --- bylines printed without markup, the publisher as author, meta editors and desks, an agency's
# credit at the end of the text ------------------------------------------------------------------

FERRY_TEXT = (
    "<p>The ferry operator said on Monday that fares would double next spring as its fuel bill "
    "keeps climbing.</p><p>Passengers' groups called the rise unfair and asked the council to "
    "step in before the summer timetable starts.</p>"
)
FERRY_H1 = "<h1>Ferry fares will double next spring</h1>"


@pytest.mark.parametrize("header", [
    '<div class="info">Laura Brandt<br><a href="/">Harbour Post</a><br>Mon, 4 May 2020</div>',
    "<div>Laura Brandt</div><div>Mon, 4 May 2020</div>",
    "Laura Brandt<br>Mon, 4 May 2020",  # loose text after the headline
    "<p>Laura Brandt, Transport Correspondent</p>",
    # just before the text, past a deck and a photo with its caption; a link to an author page
    '<div class="deck">Fuel costs</div><figure><img src="a.jpg"><figcaption>The harbour at '
    'dawn</figcaption></figure><div><a href="/authors/laura-brandt">Laura Brandt</a></div>'
    "<time>4 May 2020</time>",
])
def test_bare_name_line_under_the_headline_is_the_byline(header: str) -> None:
    found = meta_of("", f"<article>{FERRY_H1}{header}{FERRY_TEXT}</article>")
    assert (found.authors, found.provenance.get("authors")) == (["Laura Brandt"], "byline:header")


@pytest.mark.parametrize("body", [
    f"{FERRY_H1}{FERRY_TEXT}<p>Laura Brandt</p>",  # after the text has started
    f"<div>Laura Brandt</div>{FERRY_H1}{FERRY_TEXT}",  # above the headline
    f'{FERRY_H1}<ul><li><a href="/tag/laura-brandt">Laura Brandt</a></li></ul>{FERRY_TEXT}',
    f'{FERRY_H1}<figure><img src="a.jpg"><figcaption>Laura Brandt</figcaption></figure>'
    f"{FERRY_TEXT}",
    f'{FERRY_H1}<div><a href="/politics/ferries">Laura Brandt</a></div>{FERRY_TEXT}',
    f"{FERRY_H1}<blockquote>Laura Brandt</blockquote>{FERRY_TEXT}",
    f"{FERRY_H1}<div>Puppet Masters</div>{FERRY_TEXT}",  # capitalised words, no first name
    f"{FERRY_H1}<div>Live Updates</div>{FERRY_TEXT}<p>More updates follow.</p>",  # common word
    f"{FERRY_H1}<div>Photo: Laura Brandt</div>{FERRY_TEXT}",  # a credit for other work
    # the titles of a row of teasers for other stories
    f"{FERRY_H1}<div><h5>Swim Finals</h5></div><div><h5>Laura Brandt</h5></div>{FERRY_TEXT}",
])
def test_names_outside_the_header_byline_are_no_authors(body: str) -> None:
    assert meta_of("", f"<article>{body}</article>").authors == []


def test_publisher_named_as_author_is_no_author() -> None:
    head = ('<meta property="og:site_name" content="HPost">'
            '<script type="application/ld+json">{"@type": "NewsArticle", '
            '"publisher": {"@type": "Organization", "name": "Harbour Post Media Group"}, '
            '"author": {"@type": "Organization", "name": "Harbour Post Media Group"}}</script>')
    assert meta_of(head, f"{FERRY_H1}{FERRY_TEXT}").authors == []


@pytest.mark.parametrize(("site", "author"), [
    ("Reuters", "Reuters"),  # an agency's own story
    ("Laura Brandt", "Laura Brandt"),  # a blog named after its writer
])
def test_site_named_as_author_stays_when_it_is_an_agency_or_a_person(site: str,
                                                                     author: str) -> None:
    head = f'<meta property="og:site_name" content="{site}"><meta name="author" content="{author}">'
    assert meta_of(head, f"{FERRY_H1}{FERRY_TEXT}").authors == [author]


def test_meta_author_the_printed_byline_does_not_name_is_an_editor() -> None:
    found = meta_of('<meta name="author" content="Tomas Berg">',
                    f'{FERRY_H1}<p class="byline">By Laura Brandt</p>{FERRY_TEXT}')
    assert (found.authors, found.provenance["authors"]) == (["Laura Brandt"], "byline")


def test_meta_author_the_printed_byline_names_stays() -> None:
    found = meta_of('<meta name="author" content="Laura Brandt">',
                    f'{FERRY_H1}<p class="byline">By Laura Brandt and Tomas Berg</p>{FERRY_TEXT}')
    assert (found.authors, found.provenance["authors"]) == (["Laura Brandt"], "meta:author")


@pytest.mark.parametrize("desk", ["Redaktion", "Rédaction", "Newsroom", "Redazione Online"])
def test_editorial_desk_as_meta_author_is_nobody(desk: str) -> None:
    head = f'<meta name="author" content="{desk}">'
    assert meta_of(head, f"{FERRY_H1}{FERRY_TEXT}").authors == []
    found = meta_of(head, f'{FERRY_H1}<div class="byline">Von Laura Brandt</div>{FERRY_TEXT}')
    assert found.authors == ["Laura Brandt"]


def test_photographer_in_a_byline_box_is_no_author() -> None:
    body = f'{FERRY_H1}<span class="autor">Foto: Tomas Berg</span>{FERRY_TEXT}'
    assert meta_of('<meta name="author" content="Laura Brandt">', body).authors == [
        "Laura Brandt"]


def test_by_line_inside_a_teaser_link_is_another_storys() -> None:
    body = (f'{FERRY_H1}{FERRY_TEXT}<div><a href="/bus-fares">Bus fares rise too<br>'
            "By Tomas Berg</a></div>")
    assert meta_of("", body).authors == []


@pytest.mark.parametrize("byline", [
    # the line follows a link (the writer's photo), inside the byline box, not inside the link
    '<cite><a href="/columnists/"><img src="t.jpg" alt=""></a>By Tomas Berg<br>Harbour Post</cite>',
    # a byline made clickable with a link to this page, or to no page
    '<div><a href="#">by Tomas Berg</a></div>',
    '<div><a href="javascript:void(0)">By Tomas Berg</a></div>',
])
def test_by_line_beside_or_in_a_link_to_no_other_page_is_the_byline(byline: str) -> None:
    found = meta_of("", f"{FERRY_H1}{FERRY_TEXT}{byline}")
    assert (found.authors, found.provenance.get("authors")) == (["Tomas Berg"], "byline:text")


@pytest.mark.parametrize("credit", [
    "(c) dpa/Laura Brandt", "©AFP 2020 / Laura Brandt", "© Reuters 2020 - Laura Brandt"])
def test_agency_credit_at_the_end_of_the_text_names_the_writer(credit: str) -> None:
    found = meta_of("", f"<article>{FERRY_H1}{FERRY_TEXT}<p>{credit}</p></article>")
    assert (found.authors, found.provenance.get("authors")) == (["Laura Brandt"], "credit")


@pytest.mark.parametrize("body", [
    # a photographer's credit under a picture
    f'{FERRY_H1}<figure><img src="a.jpg"><figcaption>© AFP / Laura Brandt</figcaption></figure>'
    f"{FERRY_TEXT}",
    f'{FERRY_H1}{FERRY_TEXT}<div><img src="a.jpg"><span>© AFP / Laura Brandt</span></div>',
    # a credit with the text still going on after it
    f"{FERRY_H1}<p>© AFP / Laura Brandt</p>{FERRY_TEXT}",
    # the site's copyright in the footer
    f"{FERRY_H1}{FERRY_TEXT}<footer><p>© 2020 Harbour Post / Laura Brandt</p></footer>",
])
def test_credits_that_name_no_writer_of_the_story(body: str) -> None:
    assert meta_of("", f"<article>{body}</article>").authors == []


def test_printed_byline_beats_an_agency_credit() -> None:
    body = (f'{FERRY_H1}<p class="byline">By Tomas Berg</p>{FERRY_TEXT}'
            "<p>(c) dpa/Laura Brandt</p>")
    assert meta_of("", body).authors == ["Tomas Berg"]


# --- bylines of blogs and wire stories: publisher addresses, layout wrappers named like side
# boxes, one-word blog authors, dated post lines, author-page links, agency datelines ---------

def test_places_after_the_publisher_in_meta_are_its_address_not_authors() -> None:
    assert split_authors(["Harbour Post GmbH, Hamburg, Germany"], ["Harbour Post"]) == [
        "Harbour Post GmbH"]
    assert split_authors(["Tidewater Media Ltd, Bristol, England"]) == ["Tidewater Media Ltd"]


def test_publisher_address_in_meta_author_yields_to_the_printed_byline() -> None:
    head = ('<meta property="og:site_name" content="Harbour Post">'
            '<meta name="author" content="Harbour Post GmbH, Hamburg, Germany">')
    body = ("<h1>Ferry fares will double</h1><p>The harbour board voted on Monday.</p>"
            '<div class="authorBox"><strong>Von <span>Ines Castell</span>, Kiel</strong></div>')
    found = meta_of(head, body)
    assert (found.authors, found.provenance["authors"]) == (["Ines Castell"], "byline")


LAYOUT_WRAPPER = ('<div class="teaser-body"><h2>Ferry fares will double</h2>'
                  "<p>The operator blames fuel.</p>{byline}<p>The harbour board voted.</p></div>"
                  '<div class="sidebar"><p>By Ken Dodd</p><a rel="author">Ken Dodd</a></div>')


def test_byline_inside_a_layout_wrapper_named_like_a_side_box_is_found() -> None:
    head = '<meta property="og:title" content="Ferry fares will double">'
    body = LAYOUT_WRAPPER.format(byline="<div>By Ines Castell</div>")
    assert meta_of(head, body).authors == ["Ines Castell"]


def test_side_box_outside_the_layout_wrapper_still_gives_no_byline() -> None:
    head = '<meta property="og:title" content="Ferry fares will double">'
    assert meta_of(head, LAYOUT_WRAPPER.format(byline="")).authors == []


BLOG_POST = ('<body class="left-sidebar"><h1><a href="/">Ines Castell</a></h1>'
             '<div class="content-sidebar-wrap"><article><h1>Reiki in winter</h1>'
             '<div class="entry-meta">Posted on 6 July 2015 by <span class="author vcard">'
             '<a rel="author" href="/author/x/">{name}</a></span></div>'
             "<p>Cold hands, warm heart.</p></article></div>"
             '<div class="comments"><span class="author vcard"><a rel="author">Ken Dodd</a>'
             "</span></div></body>")


@pytest.mark.parametrize(("name", "authors"), [
    ("Ines Castell", ["Ines Castell"]),
    # a blogger signing with the first name alone, where the markup says it is the author
    ("Sandra", ["Sandra"]),
    # an account word is no name even there
    ("Admin", []),
])
def test_blog_author_vcard_inside_the_layout_wrapper(name: str, authors: list[str]) -> None:
    found = meta_of(body=BLOG_POST.format(name=name))
    assert found.authors == authors


@pytest.mark.parametrize(("footer", "authors"), [
    ("Von Christian am 03.05.2013, 11:51 | 0 Kommentare", ["Christian"]),
    ("Posted by Ines Castell on May 3, 2013", ["Ines Castell"]),
    # no date: not the post's dated meta line
    ("Von Christian | 0 Kommentare", []),
])
def test_dated_by_line_in_the_post_footer(footer: str, authors: list[str]) -> None:
    body = ('<div class="entry"><h1>Electric cars, the new trend</h1><p>Text.</p>'
            f'<div class="entry-footer">{footer}</div></div>'
            '<div class="comments"><p>Von Peter am 04.05.2013, 09:10</p></div>')
    assert meta_of(body=body).authors == authors


@pytest.mark.parametrize(("meta", "authors"), [
    ('<li><a href="/author/ines-c/">Ines Castell</a></li><li><time>21.05.2019</time></li>',
     ["Ines Castell"]),
    # no date beside the link: a list of the site's writers, not the post's byline
    ('<li><a href="/author/ines-c/">Ines Castell</a></li><li>Beauty</li>', []),
])
def test_author_page_link_beside_the_date_is_the_byline(meta: str, authors: list[str]) -> None:
    body = f"<h1>Never without my shower head</h1><ul>{meta}</ul><p>Text.</p>"
    assert meta_of(body=body).authors == authors


@pytest.mark.parametrize(("lead", "authors"), [
    ("Frankfurt/Main (dpa) - For a novel about the old republic, a writer won.", ["dpa"]),
    ("WASHINGTON (AP/Reuters) — The Senate voted on Monday.", ["AP", "Reuters"]),
    # a source that is no news agency, or a place in parentheses, is no author
    ("Berlin (Harbour Post) - The Senate voted on Monday.", []),
])
def test_agency_dateline_without_a_byline_is_the_author(lead: str, authors: list[str]) -> None:
    body = f"<h1>Writer wins book prize</h1><p>{lead}</p><p>More text.</p>"
    found = meta_of(body=body)
    assert found.authors == authors


def test_byline_wins_over_the_agency_dateline() -> None:
    body = ('<h1>Writer wins book prize</h1><p class="byline">By Ines Castell</p>'
            "<p>Frankfurt/Main (dpa) - For a novel about the old republic, a writer won.</p>")
    assert meta_of(body=body).authors == ["Ines Castell"]


def test_author_link_text_that_labels_the_name_is_no_second_author() -> None:
    body = ('<h1>Experts in the crisis</h1><div class="entry-meta"><a rel="author" href="/a/">'
            'Ines Castell</a></div><p>Text.</p><div class="author-link"><a rel="author" '
            'href="/a/">SHOW ALL ARTICLES OF<br>Ines Castell</a></div>')
    assert meta_of(body=body).authors == ["Ines Castell"]


def test_curly_quoted_h1_wins_beside_an_h1_that_names_the_site() -> None:
    head = ('<meta property="og:site_name" content="Quayside Weekly">'
            '<meta property="og:title" content="Harbour&#039;s fares will &quot;double&quot;">')
    body = ("<div class=logo><h1>Quayside Weekly</h1></div>"
            "<h1>Harbour&#8217;s fares will &#8220;double&#8221;</h1>")
    assert meta_of(head, body).headline == "Harbour’s fares will “double”"


@pytest.mark.parametrize(("title", "domain", "headline"), [
    ("Ferry fares will double › Quayside", "quayside.example", "Ferry fares will double"),
    ("Quayside › Ferry fares will double", "quayside.example", "Ferry fares will double"),
    ("Ferry fares will double ‹ Harbour Rowing Club", "hrc-rowing.example",
     "Ferry fares will double"),
])
def test_strip_site_name_after_single_chevrons(title: str, domain: str, headline: str) -> None:
    """'›' and '‹' set a site name apart like '|': a short last segment after one goes even when
    the site's name does not spell the domain."""
    assert strip_site_name(title, None, domain) == headline


@pytest.mark.parametrize(("title", "headline"), [
    ("Letters - 14 Maerz 2011 - Blog - Quayside rowing and more!", "Letters"),
    ("Ferry fares will double - 03.05.2013 - News - Quayside", "Ferry fares will double"),
    ("10 Tipps 2020 - Blog - Quayside", "10 Tipps 2020 - Blog - Quayside"),
    ("Ferry fares: the review - 3 May 2013", "Ferry fares: the review - 3 May 2013"),
])
def test_date_segment_between_title_and_section_ends_the_headline(title: str,
                                                                 headline: str) -> None:
    assert meta_of(f"<title>{title}</title>", "<p>Text</p>", base=None).headline == headline


def test_h1_of_the_article_wins_over_an_seo_title_sharing_no_word() -> None:
    head = '<meta property="og:title" content="Mooring fee scandal | Quayside Weekly">'
    body = "<article><h1>Why the harbour club may close its sheds</h1><p>Text</p></article>"
    assert meta_of(head, body).headline == "Why the harbour club may close its sheds"


def test_h1_outside_an_article_does_not_beat_the_og_title() -> None:
    head = '<meta property="og:title" content="Ferry fares will double">'
    body = "<h1>Sign up for the morning briefing</h1><article><p>Text</p></article>"
    assert meta_of(head, body).headline == "Ferry fares will double"


def test_section_h1_yields_to_the_post_title_printed_below_it() -> None:
    head = "<title>Mooring fees go up again | Quayside Rowing Club</title>"
    body = ("<div id=main><h1>Neuigkeiten</h1><div class=entry><p class=d>14. März 2017</p>"
            "<h2>Mooring fees go up again</h2><p>Text</p></div></div>")
    assert meta_of(head, body, base="https://quayside-rowing.example/2017/03/fees/"
                   ).headline == "Mooring fees go up again"


@pytest.mark.parametrize(("h1", "credit", "story", "authors"), [
    ("<h1>临江三桥正式通车</h1>", "新华社", f"<p>{CHINESE_STORY}</p>", ["新华社"]),
    (FERRY_H1, "Reuters", FERRY_TEXT, ["Reuters"]),
])
def test_a_news_agency_alone_on_a_line_under_the_headline_is_the_byline(
        h1: str, credit: str, story: str, authors: list[str]) -> None:
    body = f"{h1}<div class=info><p>{credit}</p><p>2020-01-03 18:13</p></div>{story}"
    assert meta_of("", body).authors == authors


@pytest.mark.parametrize(("header", "authors"), [
    # the credit as a field of the header's line, run on after the source's field
    ('<div class="info">2020-05-12 09:30<span>来源：临江日报</span><span>作者：王小明</span></div>',
     ["王小明"]),
    ('<div class="info"><span>来源：临江日报</span> <span>执笔：张伟、李娜</span></div>',
     ["张伟", "李娜"]),
])
def test_a_chinese_writing_credit_in_the_header_names_its_writers(
        header: str, authors: list[str]) -> None:
    body = f"<div><h2>临江三桥正式通车</h2>{header}</div><div><p>{CHINESE_STORY}</p></div>"
    head = "<title>临江三桥正式通车_临江日报</title>"
    assert meta_of(head, body, lang="zh").authors == authors
