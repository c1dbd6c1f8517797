"""URL identity: which links name the same article.

Tracking parameters and fragments never change the article a link points to, so they are dropped
before a URL is requested or exported. Path case is folded only for the dedupe key, and only for sites
that declare case-insensitive paths, because the exported `url` must stay the one actually fetched.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

from w3lib.url import canonicalize_url

TRACKING_PREFIXES = ("utm_", "mc_", "_hs", "pk_", "mtm_")
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "gbraid", "wbraid", "dclid", "msclkid", "yclid", "twclid", "igshid",
        "_ga", "_gl", "ocid", "cmpid", "s_cid", "ncid", "sr_share", "ito", "spm", "ref_src",
    }
)  # fmt: skip


def is_tracking_param(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def strip_tracking(url: str) -> str:
    """The URL without its fragment and tracking parameters; other parameters keep order and encoding."""
    parts = urlsplit(url)
    kept = [p for p in parts.query.split("&") if p and not is_tracking_param(p.split("=", 1)[0])]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(kept), ""))


# One article's key is asked for 6-8 times within seconds (admit, fetch, version, ledger), at ~25 us each
# (canonicalize_url); the bound keeps memory flat however many URLs a run sees.
@lru_cache(maxsize=8192)
def url_key(url: str, *, fold_path_case: bool) -> str:
    """A dedupe key: tracking-free, query sorted, host lowercased, path case folded on request."""
    key = canonicalize_url(strip_tracking(url))
    if not fold_path_case:
        return key
    parts = urlsplit(key)
    return urlunsplit((parts.scheme, parts.netloc, parts.path.lower(), parts.query, ""))


def key_digest(url_key: str) -> bytes:
    """16 bytes that stand for a `url_key` (collisions ~2**-64 likely) where many keys are held."""
    return hashlib.blake2b(url_key.encode("utf-8"), digest_size=16).digest()


def article_id(canonical_url: str) -> str:
    """Stable across runs and machines: 32 hex digits of the canonical URL's SHA-256."""
    return hashlib.sha256(canonical_url.encode("utf-8")).hexdigest()[:32]
