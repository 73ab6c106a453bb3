"""A long loop shared with a second process, where the machine has a second core and the
platform forks cheaply.

A cold build of a long list spends most of its time in two loops over its entries: making
publications of the scanned BibTeX, and rendering their rows. Each turn is a function of
one entry alone, so a forked child, which starts with this process's memory (the data, the
compiled templates), takes the second half of the list while this process does the first.
The child sends its results back as plain values through a pipe, never as pickles. Where it
fails in any way (an exception, a crash, a short answer) its half is done again here, where
an exception then reaches the caller as the plain loop's would: the result is always the
loop's, in the same order.

Only where forking is safe and pays: Linux, two usable cores, no other thread in the process
(``mkdocs serve`` runs a server thread; its rebuilds find their entries in the caches), and
a list long enough to outweigh the fork. The
function must not log: whatever it has to report, it returns.
"""

from __future__ import annotations

import contextlib
import gc
import mmap
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: The shortest list worth a second process. Forking, and sending the results back, costs
#: some 50 turns of either loop; a cold build of 300 entries takes 6% less time in two.
MIN_ITEMS = 200


def split_map(
    func: Callable[[T], R],
    items: Sequence[T],
    encode: Callable[[list[R]], bytes],
    decode: Callable[[bytes, int], list[R]],
) -> list[R]:
    """``[func(item) for item in items]``, shared with a child process where that pays.
    ``encode`` turns the child's results into bytes; ``decode`` turns them back, given how
    many are expected, and raises ``ValueError`` (or any exception) where they are not what
    ``encode`` writes.

    This process works from the front of the list and the child from the back, each
    claiming an item before it starts on it in a word of shared memory, until they meet: a
    process slowed down (by copying pages it writes to, by another program) does less."""
    if len(items) < MIN_ITEMS or not available():
        return [func(item) for item in items]
    # The first turn here, before the fork: what it loads on first use (templates, lookup
    # tables) is then loaded once, not in both processes.
    results = [func(items[0])]
    claims = _Claims(len(results), len(items))
    try:
        child, answer = _start(func, items, encode, claims)
    except OSError:  # no process to be had (a limit on processes, on memory)
        return results + [func(item) for item in items[1:]]
    try:
        while len(results) < claims.theirs:
            claims.mine = len(results) + 1
            results.append(func(items[len(results)]))
        sent = _finish(child, answer)
    except BaseException:
        _abandon(child, answer)
        raise
    theirs: list[R] = []
    if sent is not None:
        first = int.from_bytes(sent[:4], "little")
        with contextlib.suppress(Exception):  # an answer not as sent: its part is done here
            if first <= len(items):
                theirs = decode(sent[4:], len(items) - first)
    # Both may have done the item where they met; what the child did not send is done here.
    mine = results[: len(items) - len(theirs)]
    mine += [func(item) for item in items[len(mine) : len(items) - len(theirs)]]
    return mine + theirs


class _Counter:
    """One of the counters of :class:`_Claims`: an aligned word, written and read whole."""

    def __init__(self, slot: int) -> None:
        self.slot = slot

    def __get__(self, claims: _Claims, owner: type | None = None) -> int:
        return claims.words[self.slot]

    def __set__(self, claims: _Claims, value: int) -> None:
        claims.words[self.slot] = value


class _Claims:
    """Two counters in memory shared with the child: the first item this process has not
    claimed, and the first (from the back) the child has."""

    mine = _Counter(0)
    theirs = _Counter(1)

    def __init__(self, mine: int, theirs: int) -> None:
        self.words = memoryview(mmap.mmap(-1, 8)).cast("i")
        self.mine, self.theirs = mine, theirs


class Background:
    """Work running in a child process (see :func:`in_background`)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid

    def wait(self) -> bool:
        """Wait for the work to end; whether it ended well."""
        _, status = os.waitpid(self.pid, 0)
        return os.waitstatus_to_exitcode(status) == 0


def in_background(work: Callable[[], object]) -> Background | None:
    """``work()`` in a child process, while this one goes on: for work with no result but
    its effects on files, such as writing a cache. ``None`` where it cannot be forked off
    (do the work here then)."""
    if not available():
        return None
    try:
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the child: never returns
        status = 1
        try:
            gc.disable()
            work()
            status = 0
        finally:
            os._exit(status)
    return Background(pid)


def available() -> bool:
    """Whether work can be shared with a child process here and now."""
    return (
        sys.platform == "linux"
        and threading.active_count() == 1
        and len(os.sched_getaffinity(0)) > 1
    )


def _start(
    func: Callable[[T], R],
    items: Sequence[T],
    encode: Callable[[list[R]], bytes],
    claims: _Claims,
) -> tuple[int, int]:
    """A child working from the back of ``items``, and the end of the pipe its answer (the
    index of its first item, then its results) comes from."""
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        raise
    if pid == 0:  # the child: never returns
        status = 1
        try:
            gc.disable()  # a short life: collecting would only copy the parent's pages
            os.close(read_end)
            done: list[R] = []
            first = len(items)
            while first - 1 >= claims.mine:
                first = claims.theirs = first - 1
                done.append(func(items[first]))
            data = first.to_bytes(4, "little") + encode(done[::-1])
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)  # no exit handlers, no flushing of the parent's buffers
    os.close(write_end)
    return pid, read_end


def _finish(pid: int, read_end: int) -> bytes | None:
    """The child's answer, or ``None`` where it did not end well."""
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    return data if os.waitstatus_to_exitcode(status) == 0 else None


def _abandon(pid: int, read_end: int) -> None:
    """Stop a child whose work is no longer wanted (this process's half failed)."""
    os.close(read_end)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
