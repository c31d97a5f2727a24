"""Near-duplicates: the index and check (pure), syndicated copies flagged in a real crawl,
distinct real articles never flagged, copies dropped on request, fingerprints kept across runs."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from newscrawl.extract.fingerprint import fingerprint
from newscrawl.neardup import (
    MAX_DISTANCE,
    MIN_WORDS,
    VECTOR_FROM,
    Fingerprint,
    NearDuplicateIndex,
    block_masks,
    parse_fingerprint,
    resemblance,
    shingle_sketch,
)
from newscrawl.state import CrawlState
from tests.conftest import FIXTURES, SHARED
from tests.crawl import run_crawl, run_saved_crawl
from tests.rewrap import MUTATIONS, rewrap
from tests.site_server import SITE_ROOT, FixtureSite

FAST = {"NEWSCRAWL_ANALYSE": "False"}
PAGES = FIXTURES / "pages"
ARTICLE_PAGES = sorted(p.name.removesuffix(".expected.json") for p in PAGES.glob("*.expected.json")
                       if json.loads(p.read_text(encoding="utf-8")).get("exported", True))

STORY = (
    "The harbour board voted on Tuesday to lengthen the northern breakwater by forty metres, "
    "after two winters in which storm surges pushed shingle across the quay and damaged three "
    "fishing boats moored along the inner wall. Engineers told the meeting that the extension "
    "would cut wave height inside the basin by about a third during the strongest easterly gales, "
    "and that work could begin in late spring once the herring season ends. Several skippers "
    "said the plan came years too late, while the board's treasurer warned that the cost had "
    "risen sharply since the first estimate and that mooring fees would have to rise to pay for it."
)
OTHER = (
    "The harbour board voted on Tuesday to close the southern slipway for repairs, after two "
    "inspections found cracked concrete beneath the waterline and loose railings along the ramp. "
    "Members heard that the slipway would reopen before the summer regatta, and that leisure "
    "sailors could launch from the beach at the river mouth until then. The board's treasurer "
    "said the repairs would be paid from reserves and that no fees would rise this year, although "
    "one skipper asked why the cracks had gone unnoticed for so long and another praised the crews."
)


# --- the index and the check (pure) ------------------------------------------------------------
def test_blocks_cover_all_bits_once() -> None:
    covered = 0
    for shift, mask in block_masks(MAX_DISTANCE):
        assert covered & (mask << shift) == 0
        covered |= mask << shift
    assert covered == (1 << 64) - 1


@pytest.mark.parametrize("size", [2_000, 40_000])  # short buckets (a loop), long ones (numpy)
def test_index_finds_every_fingerprint_within_the_distance_and_none_beyond(size: int) -> None:
    rng = random.Random(5)
    index = NearDuplicateIndex()
    stored = [rng.getrandbits(64) for _ in range(size)]
    for n, value in enumerate(stored):
        index.add(Fingerprint(f"u{n}", value, b""))
    assert max(len(b[0]) for b in index.tables[0].values()) > VECTOR_FROM or size < 10_000
    for _ in range(100):
        base = rng.choice(stored)
        flips = rng.sample(range(64), rng.randint(0, MAX_DISTANCE + 2))
        probe = base
        for bit in flips:
            probe ^= 1 << bit
        expected = {f"u{n}" for n, v in enumerate(stored)
                    if (v ^ probe).bit_count() <= MAX_DISTANCE}
        assert {e.key for e in index.candidates(probe)} == expected


def test_copy_with_a_line_added_is_confirmed_by_its_shingles() -> None:
    updated = STORY + " The board will publish the final design next month."
    assert resemblance(shingle_sketch(STORY), shingle_sketch(updated)) >= 0.5


def test_unrelated_text_on_the_same_topic_is_not_confirmed_even_with_equal_simhash() -> None:
    index = NearDuplicateIndex()
    index.check("https://a.example/1", 12345, STORY, len(STORY.split()))
    assert index.check("https://b.example/2", 12345, OTHER, len(OTHER.split())) is None


def test_short_bodies_are_never_flagged() -> None:
    brief = " ".join(STORY.split()[: MIN_WORDS - 1])
    index = NearDuplicateIndex()
    simhash = parse_fingerprint(fingerprint(brief))
    assert index.check("https://a.example/1", simhash, brief, MIN_WORDS - 1) is None
    assert index.check("https://b.example/2", simhash, brief, MIN_WORDS - 1) is None


def test_copies_point_at_the_original_not_at_each_other() -> None:
    index = NearDuplicateIndex()
    versions = [STORY, STORY + " A spokesman confirmed the vote.",
                STORY + " A spokesman confirmed the vote. Work starts in May."]
    found = [index.check(f"https://s{n}.example/", parse_fingerprint(fingerprint(text)), text,
                         len(text.split())) for n, text in enumerate(versions)]
    assert found == [None, "https://s0.example/", "https://s0.example/"]


def test_the_same_url_again_is_not_its_own_copy() -> None:
    index = NearDuplicateIndex()
    simhash = parse_fingerprint(fingerprint(STORY))
    index.check("https://a.example/1", simhash, STORY, 120)
    assert index.check("https://a.example/1", simhash, STORY, 120) is None


def test_distinct_real_articles_are_never_flagged() -> None:
    """Every AEB article body (and the PolNeAR texts, to pass 200) against all the others."""
    aeb, polnear = SHARED / "data" / "aeb", SHARED / "data" / "polnear-dev" / "text"
    if not aeb.is_dir():
        pytest.skip("../shared/data/aeb is absent")
    bodies = [v["articleBody"] for v in
              json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8")).values()]
    if polnear.is_dir():
        bodies += [p.read_text(encoding="utf-8") for p in sorted(polnear.glob("*.txt"))]
    bodies = [b for b in bodies if len(b.split()) >= MIN_WORDS]
    assert len(bodies) >= 200
    index = NearDuplicateIndex()
    flagged = [n for n, body in enumerate(bodies)
               if index.check(str(n), parse_fingerprint(fingerprint(body)), body,
                              len(body.split()))]
    assert flagged == []


# --- a real crawl of the golden pages and their syndicated copies --------------------------------
@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict]]:
    """The golden pages re-published in another site's template (dateline changed or a line
    added): a folder holding originals and copies, and the originals as exported."""
    tmp = tmp_path_factory.mktemp("copies")
    originals = {Path(i["request_url"]).name.split(".")[0]: i
                 for i in run_saved_crawl(PAGES, tmp / "originals.jsonl", FAST)}
    both = tmp / "both"
    shutil.copytree(PAGES, both / "originals", ignore=shutil.ignore_patterns("*.expected.json"))
    (both / "copies").mkdir()
    for n, name in enumerate(ARTICLE_PAGES):
        item = originals[name]
        page = rewrap(item["headline"], item["body"], f"https://copies.example/{name}", n + 1,
                      MUTATIONS[n % 2])
        (both / "copies" / f"{name}.html").write_text(page, encoding="utf-8")
    return both, originals


@pytest.fixture(scope="module")
def flagged_crawl(copies: tuple[Path, dict[str, dict]], tmp_path_factory: pytest.TempPathFactory
                  ) -> tuple[list[dict], str]:
    items, proc = run_crawl("saved", tmp_path_factory.mktemp("flag") / "out.jsonl",
                            {"path": str(copies[0])}, FAST)
    return items, proc.stderr


@pytest.mark.parametrize("name", ARTICLE_PAGES)
def test_golden_page_and_its_copy_are_flagged(
        name: str, copies: tuple[Path, dict[str, dict]], flagged_crawl: tuple[list[dict], str]
) -> None:
    items, _ = flagged_crawl
    assert copies[1][name]["word_count"] >= MIN_WORDS
    original, copy = copies[1][name]["url"], f"https://copies.example/{name}"
    pair = {i["url"]: i["duplicate_of"] for i in items if i["url"] in (original, copy)}
    # Whichever the crawl met first is the original, the other its copy.
    assert pair in ({original: None, copy: original}, {original: copy, copy: None})


def test_nothing_else_is_flagged(flagged_crawl: tuple[list[dict], str]) -> None:
    items, _ = flagged_crawl
    assert sum(1 for i in items if i["duplicate_of"]) == len(ARTICLE_PAGES)


def test_drop_duplicates_drops_and_counts_them(copies: tuple[Path, dict[str, dict]],
                                               tmp_path: Path) -> None:
    items, proc = run_crawl("saved", tmp_path / "out.jsonl", {"path": str(copies[0])},
                            {**FAST, "NEWSCRAWL_DROP_DUPLICATES": "True"})
    assert len(items) == len(copies[1]) + len(ARTICLE_PAGES) - len(ARTICLE_PAGES)
    assert all(i["duplicate_of"] is None for i in items)
    assert f"'newscrawl/dropped/near_duplicate': {len(ARTICLE_PAGES)}" in proc.stderr


# --- across runs (state file) -----------------------------------------------------------------
def test_state_keeps_fingerprints_of_exported_articles_only(tmp_path: Path) -> None:
    state = CrawlState(tmp_path / "state.sqlite")
    state.begin_run()
    for url in ("https://a.example/kept", "https://a.example/lost"):
        state.record_scraped(url, url, None)
        state.record_fingerprint(url, "00ff00ff00ff00ff", b"\x01\x02\x03\x04", None)
    state.close()
    # The run was killed before its export was written: recovery finds only one article on disk.
    out = tmp_path / "run1.jsonl"
    out.write_text(json.dumps({"url": "https://a.example/kept"}) + "\n", encoding="utf-8")
    state = CrawlState(tmp_path / "state.sqlite")
    state.db.execute("UPDATE runs SET outputs = ?", (json.dumps([str(out)]),))
    state.recover()
    state.begin_run()
    assert list(state.earlier_fingerprints()) == [
        ("https://a.example/kept", "00ff00ff00ff00ff", b"\x01\x02\x03\x04", None)]
    state.close()


def test_next_runs_copy_of_an_earlier_story_is_flagged(tmp_path: Path) -> None:
    """Run 1 exports a story; run 2 (same state) finds it re-published under another URL."""
    root = tmp_path / "site"
    shutil.copytree(SITE_ROOT, root)
    story_path = "/2026/11/20/council-approves-river-footbridge/"
    args = {"state": str(tmp_path / "state.sqlite")}
    settings = {"NEWSCRAWL_ANALYSE": "False", "DOWNLOAD_DELAY": "0",
                "AUTOTHROTTLE_START_DELAY": "0"}
    with FixtureSite(root=root) as site:
        urls = tmp_path / "urls.txt"
        urls.write_text(site.url(story_path) + "\n", encoding="utf-8")
        first, _ = run_crawl("news", tmp_path / "first.jsonl", {**args, "urls_file": str(urls)},
                             settings, timeout=120)
        assert len(first) == 1 and first[0]["word_count"] >= MIN_WORDS
        copy_dir = root / "2026" / "11" / "30" / "footbridge-plan-approved"
        copy_dir.mkdir(parents=True)
        (copy_dir / "index.html").write_text(
            rewrap(first[0]["headline"], first[0]["body"],
                   site.url("/2026/11/30/footbridge-plan-approved/"), 1, "line"),
            encoding="utf-8")
        urls.write_text(site.url("/2026/11/30/footbridge-plan-approved/") + "\n",
                        encoding="utf-8")
        second, _ = run_crawl("news", tmp_path / "second.jsonl",
                              {**args, "urls_file": str(urls)}, settings, timeout=120)
    assert [i["duplicate_of"] for i in second] == [first[0]["url"]]
