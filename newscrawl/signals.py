"""newscrawl's own Scrapy signals: connect with `crawler.signals.connect(handler, signal=...)`."""

from __future__ import annotations

# Sent by `DurableFileFeedStorage` once a feed file is whole on disk under its final name.
# Arguments: `path: Path` (the name the file got, maybe a numbered sibling of the wanted one) and
# `uri: str` (the path the feed asked for).
feed_file_published = object()

# Sent by `RunManifest` at the end of a run, before it decides the exit code. A receiver returns a dict
# of fields to add to every manifest of the run (the layout alarm adds `fill_rates` and `alarms`), having
# counted its findings in the stats the exit code is decided from. No arguments.
manifest_requested = object()
