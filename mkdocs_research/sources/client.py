"""The one HTTP client behind ``add``, ``sync`` and ``citations``: Python's own ``urllib``.

Every request carries a User-Agent naming the tool and a contact address, as Crossref,
OpenAlex and arXiv ask of polite clients; waits at most ``timeout`` seconds; and is retried
when a service is busy (429) or failing (5xx), after the ``Retry-After`` it asks for or an
exponential back-off, never longer than :data:`MAX_WAIT` in total. Whatever goes wrong becomes
one :class:`FetchError` whose message fits on a line.

``MKDOCS_RESEARCH_API_BASE`` (for tests only) sends every request to a local server instead:
``https://api.crossref.org/works/x`` becomes ``{base}/api.crossref.org/works/x``.
"""

from __future__ import annotations

import email.utils
import json
import os
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from .. import __version__

#: Replies that are worth asking again, after a pause.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
#: The longest a command waits for busy services, in seconds, over all its retries.
MAX_WAIT = 60.0
BASE_VARIABLE = "MKDOCS_RESEARCH_API_BASE"


class FetchError(Exception):
    """A request that failed; ``str()`` is the one line the command prints."""


class NotFound(FetchError):
    """The service answered 404: it does not know the identifier."""

    def __init__(self, message: str, host: str = "") -> None:
        super().__init__(message)
        self.host = host


class Client:
    """GET requests to scholarly APIs, politely."""

    def __init__(
        self,
        mailto: str = "",
        timeout: float = 30.0,
        retries: int = 3,
        backoff: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.mailto = mailto
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        contact = f"; mailto:{mailto}" if mailto else ""
        self.user_agent = (
            f"mkdocs-research/{__version__} (https://pypi.org/project/mkdocs-research/{contact})"
        )
        self.base = os.environ.get(BASE_VARIABLE, "").rstrip("/")
        self._context = _ssl_context()

    def json(self, url: str, params: Mapping[str, str] | None = None) -> Any:
        """The parsed JSON reply of ``url``."""
        body = self.get(url, params, accept="application/json")
        try:
            return json.loads(body)
        except ValueError:
            raise FetchError(f"{_host(url)} sent a reply that is not valid JSON") from None

    def get(self, url: str, params: Mapping[str, str] | None = None, accept: str = "*/*") -> bytes:
        """The body of a successful reply, after retries; :class:`FetchError` otherwise."""
        if params:
            url += "?" + urllib.parse.urlencode(params, safe=":,|*/")
        host = _host(url)
        target = f"{self.base}/{url.split('://', 1)[1]}" if self.base else url
        request = urllib.request.Request(
            target, headers={"User-Agent": self.user_agent, "Accept": accept}
        )
        waited = 0.0
        for attempt in range(self.retries + 1):
            try:
                with urllib.request.urlopen(
                    request, timeout=self.timeout, context=self._context
                ) as reply:
                    return reply.read()
            except urllib.error.HTTPError as error:
                if error.code == 404:
                    raise NotFound(f"{host} has no record of it (404)", host) from None
                if error.code not in RETRY_STATUSES or attempt == self.retries:
                    raise FetchError(f"{host} answered {error.code} {error.reason}") from None
                pause = _retry_after(error.headers.get("Retry-After"))
                if pause is None:
                    pause = self.backoff * 2**attempt
                if waited + pause > MAX_WAIT:
                    raise FetchError(
                        f"{host} is busy ({error.code}) and asks to wait {pause:.0f} s; "
                        "try again later"
                    ) from None
                waited += pause
                self.sleep(pause)
            except urllib.error.URLError as error:
                raise FetchError(f"could not reach {host}: {self._reason(error.reason)}") from None
            except OSError as error:  # a read that timed out, a connection dropped half-way
                raise FetchError(f"could not reach {host}: {self._reason(error)}") from None
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _reason(self, reason: object) -> str:
        """Why a connection failed, in a few words."""
        if isinstance(reason, (TimeoutError, socket.timeout)):
            return f"no answer within {self.timeout:g} s"
        if isinstance(reason, ConnectionRefusedError):
            return "connection refused"
        if isinstance(reason, socket.gaierror):
            return "the name could not be resolved (offline?)"
        return str(getattr(reason, "strerror", None) or reason)


@contextmanager
def reading(host: str) -> Iterator[None]:
    """Turn a reply of a shape the service never sent before into one :class:`FetchError`."""
    try:
        yield
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
        raise FetchError(f"{host} sent a reply this tool cannot read ({error})") from None


def _host(url: str) -> str:
    return urllib.parse.urlsplit(url).hostname or url


def _retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header: a number, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _ssl_context() -> ssl.SSLContext:
    """The system's certificates, or certifi's where installed (``mkdocs-research[fetch]``):
    some Python installations, such as python.org's on macOS, come without any."""
    try:
        import certifi
    except ImportError:
        return ssl.create_default_context()
    return ssl.create_default_context(cafile=certifi.where())
