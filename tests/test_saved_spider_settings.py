"""The saved-pages spider reads files and archives only: no HTTP(S) handler, no retries."""

from scrapy.settings import Settings

from spiders.saved import SavedSpider


def test_no_http_handlers_but_the_projects_own_stay() -> None:
    settings = Settings({"DOWNLOAD_HANDLERS": {"warc": "newscrawl.warc.handler.X"}})
    SavedSpider.update_settings(settings)
    assert settings.getdict("DOWNLOAD_HANDLERS") == {
        "warc": "newscrawl.warc.handler.X", "http": None, "https": None}


def test_no_retries_of_a_file_read() -> None:
    settings = Settings()
    SavedSpider.update_settings(settings)
    assert settings.getbool("RETRY_ENABLED") is False


def test_the_command_line_still_wins() -> None:
    settings = Settings()
    settings.set("DOWNLOAD_HANDLERS", {"http": "my.Handler"}, priority="cmdline")
    SavedSpider.update_settings(settings)
    assert settings.getdict("DOWNLOAD_HANDLERS") == {"http": "my.Handler"}
