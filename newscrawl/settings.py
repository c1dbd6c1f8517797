"""Scrapy settings for newscrawl, and the defaults of our own `NEWSCRAWL_*` settings.

Every value here can be overridden per run with `-s NAME=VALUE`; the README lists them.
"""

from __future__ import annotations

from newscrawl.items import EXPORTED_FIELDS

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"
# Our `crawl` checks spider arguments before starting (newscrawl/commands/crawl.py).
COMMANDS_MODULE = "newscrawl.commands"

# --- newscrawl's own settings -------------------------------------------------------------------
# Extra modules that define site profiles (`@register` classes), imported before the spider starts,
# e.g. `-s NEWSCRAWL_SITE_MODULES=mypackage.sites.example`. Built-in profiles are always loaded.
NEWSCRAWL_SITE_MODULES: list[str] = []
# Where each site's state store lives (`<dir>/<site>.sqlite3`): what was discovered, exported, in which
# version. Relative to the working directory. Empty: no state, every run starts from nothing.
NEWSCRAWL_STATE_DIR = "state"
# s3:// feed files are written here before upload; a file whose upload failed stays (with a `.upload-to`
# sidecar naming its URI) until the next run uploads it first. Relative to the working directory.
NEWSCRAWL_SPOOL_DIR = "output/.spool"
# A section's listing is read until this many consecutive cards are already exported (`-a backfill=1`
# reads to the last page regardless).
NEWSCRAWL_KNOWN_STREAK = 20
# Listing pages read per section when `-a max_pages` is not given: a bound for sites whose pagination
# never ends (every page links a next one); a real section is far shallower. 0: no bound.
NEWSCRAWL_MAX_PAGES = 1000
# Sitemap indexes are followed this many levels below the first sitemap read (the index a start URL or
# robots.txt names is level 0); deeper ones are counted (newscrawl/sitemap/too_deep) and not fetched.
NEWSCRAWL_SITEMAP_DEPTH = 3
# Exported articles published (else first seen) less than this many days ago are fetched again with a
# conditional GET at the start of each run, to catch edits; older ones are never fetched again.
NEWSCRAWL_REFETCH_DAYS = 2.0
# A publication or modification date more than this many days after the fetch (the server's Date header)
# is not believed: the next date the page offers is used instead.
NEWSCRAWL_FUTURE_DAYS = 1.0
# A page dropped as no article (a soft 404, a tag or section page), or a link that redirected off the
# article filter or the run's origins, is not fetched again for this many days (its state store says
# when it was set aside); listing pages keep linking it, and each run would fetch it again.
NEWSCRAWL_SET_ASIDE_DAYS = 30.0
# Pages whose clean body is shorter than this are checked against the soft-404, paywall, bot-check and
# consent-wall patterns in pipelines/validation.py; longer pages are never dropped by them.
NEWSCRAWL_INTERSTITIAL_MAX_CHARS = 400

# --- Distributed crawls: several workers, on one or many machines, share one crawl through Redis -----
# A Redis URL (e.g. redis://10.0.0.5:6379/0) switches this run into a worker of the shared crawl: the
# scheduler queue and dupefilter (scrapy-redis), leases and the state store live there, and the default
# feed file names get the worker id (newscrawl/distributed/profile.py). Empty: a single-machine crawl.
NEWSCRAWL_REDIS_URL = ""
# This worker's name in the crawl and in its feed file names; empty means `<hostname>-<pid>`.
NEWSCRAWL_WORKER_ID = ""
# A worker whose heartbeat (every sixth of this) is this old is dead: the requests it had taken go back
# to the queue. Keep it above NEWSCRAWL_REDIS_RETRY_SECONDS and any other pause of a live worker, or a
# live worker can be taken for dead and its articles written twice (README, Distributed crawls).
NEWSCRAWL_REDIS_LEASE_SECONDS = 60.0
# How long each Redis call keeps retrying (with backoff, logged) while Redis is unreachable or loading,
# before the error stops the run.
NEWSCRAWL_REDIS_RETRY_SECONDS = 30.0

# --- Politeness: an archive crawler runs unattended, on other people's servers -----------------
USER_AGENT = "newscrawl/0.1 (+https://github.com/newscrawl/newscrawl)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS_PER_DOMAIN = 8
# AutoThrottle adapts the delay to the server's latency; loopback demo runs converge to no delay.
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.25
AUTOTHROTTLE_TARGET_CONCURRENCY = 4.0

# --- Address guard (SSRF): links and redirects never reach the crawler's own network ------------
# Refuses non-http(s) URLs and hosts that resolve to a non-public address (loopback, private,
# link-local incl. 169.254.169.254, unique-local, multicast, reserved), counted newscrawl/refused/*.
# The start URLs' hosts are always allowed (the user chose them). Order 60: after OffsiteMiddleware (50),
# before RobotsTxtMiddleware (100), so a refused host is never asked for its robots.txt.
# Backoff (order 560, above RetryMiddleware's 550 so it sees the 429/503 first): each retry waits
# NEWSCRAWL_RETRY_BACKOFF x 2^(n-1) seconds, and a host that sent Retry-After gets no request until that
# time has passed (capped at NEWSCRAWL_RETRY_AFTER_MAX); other hosts are not slowed. Scrapy's
# RetryMiddleware alone retries at once and ignores the header.
# robots.txt (order 100, in place of Scrapy's): a robots.txt answering 5xx/429 or not answering at all is
# retried, then means "disallow all" for that host (RFC 9309 2.3.1.4); Scrapy's reads it as "allow all".
# Credentials (downloadermiddlewares/credentials.py): `Authorization` and `Cookie` headers go only to the
# start URLs' hosts (Scrapy re-adds DEFAULT_REQUEST_HEADERS after a cross-host redirect), and a cookie
# set without `Domain` goes back only to its own host, not to its subdomains (RFC 6265).
# Meta refresh (order 580, in place of Scrapy's): Scrapy's check, skipped for a page whose first bytes
# cannot hold a refresh declaration, so a page is not decoded just to find it has none.
DOWNLOADER_MIDDLEWARES = {
    "newscrawl.downloadermiddlewares.guard.AddressGuardMiddleware": 60,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "newscrawl.downloadermiddlewares.robots.PatientRobotsTxtMiddleware": 100,
    "newscrawl.downloadermiddlewares.backoff.BackoffMiddleware": 560,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "newscrawl.downloadermiddlewares.metarefresh.BytesMetaRefreshMiddleware": 580,
    "newscrawl.downloadermiddlewares.credentials.CredentialHeadersMiddleware": 650,
    "scrapy.downloadermiddlewares.cookies.CookiesMiddleware": None,
    "newscrawl.downloadermiddlewares.credentials.HostOnlyCookiesMiddleware": 700,
}
NEWSCRAWL_ADDRESS_GUARD = True
# Private hosts the crawl may fetch besides the start URLs' hosts: exact host names, IP addresses or CIDR
# networks, e.g. -s NEWSCRAWL_ALLOWED_PRIVATE_HOSTS=intranet.example,10.20.0.0/16
NEWSCRAWL_ALLOWED_PRIVATE_HOSTS: list[str] = []
# Origins (scheme://host:port) fetched besides those of the start URLs (newscrawl/scope.py): links to any
# other origin, another port of a start host included, are not followed, and redirects, meta refreshes
# and robots.txt requests to one are refused (newscrawl/refused/other_origin), e.g.
# -s NEWSCRAWL_ALLOWED_ORIGINS=http://127.0.0.1:8081
NEWSCRAWL_ALLOWED_ORIGINS: list[str] = []

# Longest single wait a Retry-After header can impose, in seconds; 0 ignores the header.
NEWSCRAWL_RETRY_AFTER_MAX = 120.0
# Seconds before the first retry of a failed request (5xx, 429, network error), doubled for each next
# retry: with RETRY_TIMES = 3 a request is tried at 0, 1, 3 and 7 s. 0 retries at once.
NEWSCRAWL_RETRY_BACKOFF = 1.0
# An unavailable robots.txt is fetched again this many times, first after this many seconds, the delay
# doubling each time; if it never answers, the host is refused for the run.
NEWSCRAWL_ROBOTS_RETRY_TIMES = 3
NEWSCRAWL_ROBOTS_RETRY_DELAY = 5.0

# Scrapy's duplicate filter, with each fingerprint held in 8 bytes instead of ~110, so memory stays flat as
# a crawl grows (newscrawl/dupefilter.py). The distributed mode replaces it with scrapy-redis' filter.
DUPEFILTER_CLASS = "newscrawl.dupefilter.CompactDupeFilter"

# --- Limits: news pages are a few hundred kB; anything far larger is not an article -------------
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
DOWNLOAD_TIMEOUT = 30
# Backstop: a crawl whose memory passes this stops (finish reason memusage_exceeded, exit code 6)
# instead of pushing the machine into swap or the OOM killer; a news crawl stays far below it.
MEMUSAGE_LIMIT_MB = 2048
# 5xx and 429 answers and network errors are retried (with NEWSCRAWL_RETRY_BACKOFF) before an article
# counts as failed.
RETRY_TIMES = 3

# Real sites are reached over HTTPS with their certificate checked against the system's trust store
# (Scrapy accepts any certificate by default, so anyone on the path could serve forged articles). To
# trust a private CA, point the SSL_CERT_FILE environment variable at its PEM file.
DOWNLOAD_VERIFY_CERTIFICATES = True

# Redirect chains and URL lengths are bounded (Scrapy's values, pinned here because they are part of
# the safety contract): a redirect loop or a generated 3 kB URL costs at most this much.
REDIRECT_MAX_TIMES = 20
URLLENGTH_LIMIT = 2083

# --- Operations ------------------------------------------------------------------------------
# Scrapy checks each generator callback for a `return <value>` by re-reading its source with
# `inspect.getsource` + `ast`, and its cache holds bound methods weakly, so it parses again on most
# responses: about 5% of a crawl's CPU. tests/test_settings.py runs the same check on our callbacks once.
WARN_ON_GENERATOR_RETURN_VALUE = False
# Scrapy hands each callback's output to CONCURRENT_ITEMS asyncio tasks that it creates anew for every
# response (`scrapy.utils.asyncio._parallel_asyncio`): at Scrapy's 100 that is ~1 ms of CPU per page, a
# fifth of a bare crawl's CPU, to process one article, or a listing page's ~7 links. 8 tasks cost ~0.15 ms
# and still take a listing's links at once; items from one page wait for each other only past 8.
CONCURRENT_ITEMS = 8
# The telnet console listens on a port with a password in the log: no use for scheduled runs.
TELNETCONSOLE_ENABLED = False
# Scrapy 2.19's remote-control extension runs an HTTP server on localhost that executes any Python code
# POSTed to it with the token it writes into the user's profile directory: any local process that can
# read that file can run code inside the crawler. Unattended runs need none of it.
REMOTE_CONTROL_ENABLED = False
LOG_LEVEL = "INFO"
# A progress line (pages, articles exported, failures, drops, rates) every this many seconds; 0: none.
LOGSTATS_INTERVAL = 60.0
LOG_FORMATTER = "newscrawl.logformatter.NewsLogFormatter"

# --- Pipelines: raw page strings -> normalized Article; gaps leave room for new concerns --------
ITEM_PIPELINES = {
    "newscrawl.pipelines.identity.IdentityPipeline": 100,
    "newscrawl.pipelines.metadata.MetadataPipeline": 200,
    "newscrawl.pipelines.timestamps.TimestampPipeline": 300,
    "newscrawl.pipelines.summary.SummaryPipeline": 400,
    "newscrawl.pipelines.body.BodyPipeline": 500,
    "newscrawl.pipelines.validation.ValidationPipeline": 800,
    "newscrawl.pipelines.canonical.CanonicalPipeline": 850,
    "newscrawl.pipelines.dedupe.DedupePipeline": 900,
    # Distributed crawls only (NEWSCRAWL_REDIS_URL): each article id is claimed by one worker.
    "newscrawl.distributed.claims.ClaimPipeline": 910,
    "newscrawl.pipelines.versions.VersionPipeline": 950,
    # Last: every line written validates against the shipped schema, checked on the whole record.
    "newscrawl.pipelines.schema.SchemaPipeline": 990,
}
# ExportLedger marks articles exported in the state store once their feed file or batch is stored.
# LayoutAlarm measures each field's fill rate against the site's earlier runs (exit code 5 on a sharp drop).
# RunManifest writes <feed file>.manifest.json beside each published feed file and decides the exit
# code of `scrapy crawl` (the table is in newscrawl/export/exitcodes.py and the README).
# WarcArchive (only with NEWSCRAWL_WARC) archives every response in WARC files (newscrawl/export/warc.py).
# DistributedWorker (only with NEWSCRAWL_REDIS_URL) keeps the worker's heartbeat and leases in Redis.
# FreezeStartupObjects keeps the garbage collector off what was built before the spider opened.
EXTENSIONS = {
    # Scrapy's LogStats line with failures and drops (newscrawl/extensions/progress.py).
    "scrapy.extensions.logstats.LogStats": None,
    "newscrawl.extensions.progress.ProgressStats": 1,
    "newscrawl.extensions.gcfreeze.FreezeStartupObjects": 0,
    "newscrawl.export.ledger.ExportLedger": 500,
    "newscrawl.extensions.alarm.LayoutAlarm": 505,
    "newscrawl.export.manifest.RunManifest": 510,
    "newscrawl.distributed.worker.DistributedWorker": 520,
    "newscrawl.export.warc.WarcArchive": 530,
}
# Layout alarm: each field's fill rate is compared with its rate over the site's earlier articles,
# pooled across runs (kept in <NEWSCRAWL_STATE_DIR>/<site>.fill-history.json), once they are this many;
# a run of any size is judged (newscrawl/extensions/alarm.py).
NEWSCRAWL_ALARM_MIN_ITEMS = 20
# A field alarms when its rate falls by more than this share of the earlier rate (0.5: 0.95 -> 0.40
# alarms, 0.95 -> 0.60 does not), beyond what chance explains for the run's size.
NEWSCRAWL_ALARM_DROP = 0.5
# Exit code 4 when failed / (failed + exported) is above this share; failed = sum of newscrawl/failed/*.
NEWSCRAWL_MAX_FAILED_SHARE = 0.1
# Exit code 8 when unreadable / (unreadable + exported) is above this share; unreadable = the articles
# dropped as missing_title, missing_body or invalid_<field> (41 of 41 dropped as missing_title is a
# broken profile).
NEWSCRAWL_MAX_DROPPED_SHARE = 0.5
# The run's verdict is decided by Spidermon monitors (newscrawl/export/monitors.py). More monitors: dotted
# paths to Spidermon Monitor or MonitorSuite classes (exit code 10 when one fails). Actions run when any
# monitor fails: dotted paths to Spidermon Action classes, configured by their own SPIDERMON_* settings
# (e.g. spidermon.contrib.actions.email.smtp.SendSmtpEmail with SPIDERMON_SMTP_HOST, SPIDERMON_EMAIL_TO).
NEWSCRAWL_MONITORS: list[str] = []
NEWSCRAWL_MONITOR_ACTIONS: list[str] = []

# --- Export: one JSON object per line, UTF-8 as published, keys in the schema's order ------------
# The feed written when the run names none: `-o`/`-O` or `-s FEEDS=...` (any Scrapy storage URI, e.g.
# s3://) replace it. Scrapy merges `-o` into FEEDS, so the spider applies this only when FEEDS is empty.
NEWSCRAWL_DEFAULT_FEEDS = {
    "output/%(name)s/%(time)s.jsonl": {"format": "jsonlines", "encoding": "utf-8"},
}
# Local feed files are written under a hidden `.part` name, fsynced, then published whole under a name
# no earlier run holds (`x.jsonl`, else `x.1.jsonl`, ...); `-O` replaces atomically (newscrawl/durable.py).
# s3:// files are published into NEWSCRAWL_SPOOL_DIR first, then uploaded; a failed upload stays there
# (exit code 3) and the next run uploads it before anything else.
FEED_STORAGES = {
    "": "newscrawl.export.storage.DurableFileFeedStorage",
    "file": "newscrawl.export.storage.DurableFileFeedStorage",
    "s3": "newscrawl.export.spool.SpooledS3FeedStorage",
}
FEED_EXPORT_ENCODING = "utf-8"
# WARC archives of every response (request, response, revisit and metadata records; newscrawl/export/warc.py):
# a path template, local or s3:// (written into NEWSCRAWL_SPOOL_DIR, then uploaded), with %(name)s (spider),
# %(time)s (run start, as in FEEDS) and %(index)05d (the file's number in the run, from 1), e.g.
# output/warc/%(name)s/%(time)s-%(index)05d.warc.gz; a CDXJ index is published beside each file. Empty: no
# WARC is written.
NEWSCRAWL_WARC = ""
# A WARC file is published, and the next one started, once it holds this many bytes (gzipped).
NEWSCRAWL_WARC_MAX_BYTES = 1_000_000_000
# Scrapy's JSON Lines exporter, with a direct path for `Article` items (same bytes, a third of the cost).
FEED_EXPORTERS = dict.fromkeys(
    ("jsonlines", "jsonl", "jl"), "newscrawl.export.exporters.ArticleJsonLinesExporter"
)
FEED_EXPORT_FIELDS = list(EXPORTED_FIELDS)
