"""A user's own Spidermon monitor, loaded by dotted path through NEWSCRAWL_MONITORS (tests/test_monitors.py).

It lives outside the test modules because pytest would collect a unittest TestCase there as a test."""

from __future__ import annotations

from spidermon import Monitor


class AuthorsRequired(Monitor):  # type: ignore[misc]  # spidermon ships no type hints
    """Every exported article names its authors (a team rule newscrawl does not make)."""

    def test_no_article_lacks_authors(self) -> None:
        lacking = self.data.stats.get("custom/no_authors", 0)
        self.assertEqual(lacking, 0, msg=f"{lacking} articles without authors")  # noqa: PT009  # as Spidermon documents
