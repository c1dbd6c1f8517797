"""Run-long "seen" sets that cost 8 bytes per member, so a crawl's memory stays flat as the site grows.

A crawl remembers every URL it requested, every article it emitted and every request fingerprint until it
ends. In Python sets those cost 90-120 bytes per member (the object plus the hash-table slot), which is
what made RSS grow with the site. Here members are 64-bit digests in one sorted `array`, with a small
`set` in front that takes new members until it is merged in.

A 64-bit digest of a URL is the same trade Heritrix makes in its already-seen filter: two different
members collide with probability about n**2 / 2**65, i.e. 3e-8 for a million URLs in one run, and a
collision only means one URL is taken as already seen. Where a false "seen" would lose data across runs,
the state store decides with full keys, not this.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

# The buffer's members are Python ints in a set (~60 bytes each), so it is kept small; merging costs one
# binary search per buffered member and moves of the array's tail, each a memmove.
BUFFER_SIZE = 4096


def digest64(digest: bytes) -> int:
    """The first 8 bytes of a cryptographic digest, as the unsigned int the set stores."""
    return int.from_bytes(digest[:8], "big")


class DigestSet:
    """A growing set of 64-bit ints: add and membership only, since nothing a crawl saw is unseen."""

    def __init__(self, members: Iterable[int] = (), *, buffer_size: int = BUFFER_SIZE) -> None:
        self._sorted = array("Q")
        self._recent: set[int] = set()
        self._buffer_size = buffer_size
        for member in members:
            self.add(member)

    def __contains__(self, member: int) -> bool:
        return member in self._recent or self._in_sorted(member)

    def __len__(self) -> int:
        return len(self._sorted) + len(self._recent)

    def add(self, member: int) -> bool:
        """Whether `member` is new: one lookup answers "seen?" and records it, as a dupefilter needs."""
        if member in self:
            return False
        self._recent.add(member)
        if len(self._recent) >= self._buffer_size:
            self._merge_recent()
        return True

    def update(self, members: Iterable[int]) -> None:
        for member in members:
            self.add(member)

    def _in_sorted(self, member: int) -> bool:
        at = bisect_left(self._sorted, member)
        return at < len(self._sorted) and self._sorted[at] == member

    def _merge_recent(self) -> None:
        """Merge in place from the back, so the array never exists twice (no 2x peak at a million members)."""
        incoming = sorted(self._recent)
        merged = self._sorted
        end = len(merged)
        merged.extend(incoming)
        for shift in range(len(incoming), 0, -1):
            member = incoming[shift - 1]
            at = bisect_left(merged, member, 0, end)
            merged[at + shift : end + shift] = merged[at:end]
            merged[at + shift - 1] = member
            end = at
        self._recent.clear()
