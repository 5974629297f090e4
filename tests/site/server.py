"""Serve the mirror over HTTP on 127.0.0.1: a pure router plus a threaded stdlib server.

:func:`route` maps a request path to a :class:`Reply` (pure; the fixture writer uses it for the
exact served bytes). :class:`MirrorServer` adds what needs state: the flaky route's per-instance
counter, the slow route's sleep (in its own thread, so it never blocks other requests), the
request log and the runtime fault modes (site down, paging loops, a removed section, broken
article markup), which a test can switch while the server runs:

>>> with MirrorServer() as mirror:                      # doctest: +SKIP
...     mirror.fail_all(503, times=3, retry_after="1")  # the next 3 requests: 503
...     mirror.endless_paging("politik")                # /politik?page=N for every N
...     mirror.break_markup("dates")                    # article pages print no date
...     mirror.hollow_article(674104)                   # one article page has no body
...     mirror.reset()                                  # the normal site again

Changes of the site itself (edits, removals, new articles) are made on :attr:`MirrorServer.site`
and served from the next request on, e.g. between two crawls:

>>> mirror.site.edit_content(674104)                    # doctest: +SKIP
>>> mirror.site.edit_noncontent(674108)                 # doctest: +SKIP
>>> mirror.site.remove(674112, how="410")               # doctest: +SKIP

(``edit_noncontent`` changes the related box, the ads and a counter only; ``how`` is ``404``,
``410`` or ``soft``, a not-found page with status 200.)
"""

from __future__ import annotations

import dataclasses
import re
import threading
import time
import traceback
from collections import Counter
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from tests.site import render
from tests.site.model import SECTIONS, Article, Site, build_site
from tests.site.render import MARKUP_MODES, NORMAL, Faults

HOST = "127.0.0.1"
HTML_UTF8 = "text/html; charset=utf-8"
HTML_CP1252 = "text/html; charset=windows-1252"

_ARTICLE = re.compile(
    r"^/(?:(?P<amp>amp)/|(?:(?P<section>[a-z0-9-]+)/)?read/)"
    r"(?P<date>\d{4}/\d{2}/\d{2})/(?P<id>\d+)(?:/(?P<slug>[^/]*))?/?$"
)
_SECTION = re.compile(r"^/(?P<section>[a-z][a-z0-9-]*)/?$")
_FLAKY_FAILURES = 2
_FOOTER_SLUGS = frozenset(slug for _, slug in render.FOOTER_PAGES)


@dataclass(frozen=True)
class Reply:
    """One response. ``fault`` asks the server for stateful behaviour (flaky, slow)."""

    status: int
    body: bytes
    content_type: str = HTML_UTF8
    headers: tuple[tuple[str, str], ...] = ()
    fault: str | None = None
    article_id: int | None = None


def _html(status: int, text: str, **kwargs: Any) -> Reply:
    return Reply(status, text.encode("utf-8"), **kwargs)


def _page_number(query: str) -> int:
    values = parse_qs(query).get("page", [])
    return int(values[0]) if values and values[0].isdigit() and int(values[0]) > 0 else 1


def _challenge(art: Article) -> Reply:
    return _html(
        200,
        render.render_challenge(art.desktop_path),
        headers=(("Server", "cloudflare"), ("cf-mitigated", "challenge")),
    )


def _article_reply(
    site: Site, base: str, art: Article, *, amp: bool, faults: Faults = NORMAL
) -> Reply:
    if faults.markup == "challenge":
        return _challenge(art)
    removal = site.removal(art.id)
    if removal == "410":
        return error_reply(410)
    if removal is not None:
        return _html(
            404 if removal == "404" else 200, render.render_not_found(site, base, faults=faults)
        )
    if art.id in faults.hollow:
        faults = dataclasses.replace(faults, markup="body", hollow=frozenset())
    fault = art.record.fault
    if fault == "missing_404":
        return _html(404, render.render_not_found(site, base, faults=faults))
    if fault == "not_article":
        return _html(200, render.render_not_found(site, base, faults=faults))
    if fault == "challenge":
        return _challenge(art)
    if amp:
        text = render.render_amp(site, base, art.id, faults=faults)
        return _html(200, text, fault=fault, article_id=art.id)
    text = render.render_article(site, base, art.id, faults=faults)
    if art.variant == "cp1252":
        body = text.encode("cp1252", errors="xmlcharrefreplace")
        return Reply(200, body, HTML_CP1252, fault=fault, article_id=art.id)
    return _html(200, text, fault=fault, article_id=art.id)


def route(site: Site, base: str, target: str, faults: Faults = NORMAL) -> Reply:
    """Answer a GET for ``target`` (path and query) on a mirror served at ``base``.

    ``faults`` (default: none) applies the stateless fault modes; see :class:`Faults`.
    """
    parts = urlsplit(target)
    path = unquote(parts.path) or "/"
    if path == "/":
        return _html(200, render.render_home(site, base, faults=faults))
    if path == "/robots.txt":
        return Reply(200, render.ROBOTS_TXT.encode(), "text/plain; charset=utf-8")
    match = _ARTICLE.match(path)
    if match:
        rec = site.record(int(match["id"]))
        if rec is not None:
            art = site.article(rec.id)
            section_ok = match["section"] in (None, rec.section)
            if section_ok and match["date"] == art.date_path:
                return _article_reply(site, base, art, amp=bool(match["amp"]), faults=faults)
        return _html(404, render.render_not_found(site, base, faults=faults))
    match = _SECTION.match(path)
    section = match["section"] if match else None
    if section in SECTIONS and section not in faults.removed:
        page = _page_number(parts.query)
        return _html(200, render.render_listing(site, base, section, page, faults=faults))
    if section in ("cari", "search"):
        text = render.render_simple(site, base, "Pencarian", "Tidak ada hasil.", faults=faults)
        return _html(200, text)
    if section in _FOOTER_SLUGS:
        return _html(
            200, render.render_simple(site, base, section.title(), "RMOL.ID", faults=faults)
        )
    if re.match(r"^/(about|tag)/[a-z0-9-]+/?$", path):
        heading = "Profil Wartawan" if path.startswith("/about/") else "Tag"
        text = render.render_simple(site, base, heading, path.rsplit("/", 1)[-1], faults=faults)
        return _html(200, text)
    return _html(404, render.render_not_found(site, base, faults=faults))


_ERROR_500 = (
    b"<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n"
    b"<center><h1>500 Internal Server Error</h1></center>\r\n<hr><center>nginx</center>\r\n"
    b"</body>\r\n</html>\r\n"
)


def error_reply(status: int, retry_after: str | None = None) -> Reply:
    """nginx's short error page for ``status`` (with ``Retry-After`` when given)."""
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    title = f"{status} {phrase}"
    body = (
        f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}"
        "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    )
    headers = (("Retry-After", retry_after),) if retry_after is not None else ()
    return Reply(status, body.encode(), headers=headers)


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer

    def version_string(self) -> str:
        return "nginx"

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def log_message(self, format: str, *args: Any) -> None:
        """Silence per-request logging; the mirror keeps its own request log."""

    def _serve(self, *, send_body: bool) -> None:
        mirror = self.server.mirror
        failure = mirror._take_failure(self.path)
        try:
            reply = failure if failure is not None else mirror.answer(self.path)
        except Exception:
            mirror.errors.append(traceback.format_exc())
            reply = Reply(500, _ERROR_500)
        if reply.fault == "flaky_500" and reply.article_id is not None:
            if mirror._count_flaky(reply.article_id) <= _FLAKY_FAILURES:
                reply = Reply(500, _ERROR_500)
        elif reply.fault == "slow":
            time.sleep(mirror.slow_seconds)
        mirror._record(self.command, self.path, reply.status)
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            for name, value in reply.headers:
                self.send_header(name, value)
            self.end_headers()
            if send_body:
                self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (e.g. its download timeout hit the slow route)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    mirror: MirrorServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Keep stderr quiet; keep the traceback for tests to inspect."""
        self.mirror.errors.append(traceback.format_exc())


class MirrorServer:
    """The mirror on ``127.0.0.1`` (random port by default), as a context manager.

    >>> with MirrorServer() as mirror:          # doctest: +SKIP
    ...     mirror.base_url                      # 'http://127.0.0.1:PORT'
    """

    def __init__(
        self,
        site: Site | None = None,
        *,
        n_articles: int = 40,
        seed: int = 7,
        slow_seconds: float = 5.0,
        port: int = 0,
    ) -> None:
        self.site = site if site is not None else build_site(n_articles, seed)
        self.slow_seconds = slow_seconds
        self.errors: list[str] = []
        self._lock = threading.Lock()
        self._log: list[tuple[str, str, int]] = []
        self._flaky: Counter[int] = Counter()
        self._faults = NORMAL
        self._fail: tuple[int, str | None] = (503, None)
        self._fail_left = 0
        self._httpd = _HTTPServer((HOST, port), _Handler)
        self._httpd.mirror = self
        self.port: int = self._httpd.server_address[1]
        self.base_url = f"http://{HOST}:{self.port}"
        self._thread: threading.Thread | None = None

    # ---- lifecycle ------------------------------------------------------------------------
    def start(self) -> MirrorServer:
        """Serve in a daemon thread (idempotent)."""
        if self._thread is None:
            self._thread = threading.Thread(
                # A short poll interval: shutdown() waits for the loop's next poll.
                target=self._httpd.serve_forever,
                kwargs={"poll_interval": 0.05},
                name="rmol-mirror",
                daemon=True,
            )
            self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in the calling thread until :meth:`close` or KeyboardInterrupt."""
        self._httpd.serve_forever()

    def close(self) -> None:
        """Stop serving and release the port (does not wait for sleeping slow requests)."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> MirrorServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def answer(self, target: str) -> Reply:
        """The reply to a GET of ``target`` (path and query); a mirror of another site overrides
        it (``tests.site.regional``) and keeps the rest: faults, flaky/slow routes, the log."""
        return route(self.site, self.base_url, target, self.faults)

    # ---- state ----------------------------------------------------------------------------
    def _record(self, method: str, path: str, status: int) -> None:
        with self._lock:
            self._log.append((method, path, status))

    def _take_failure(self, target: str) -> Reply | None:
        """The ``fail_all`` reply for this request (counting it down), or None."""
        if urlsplit(target).path == "/robots.txt":
            return None
        with self._lock:
            if self._fail_left <= 0:
                return None
            self._fail_left -= 1
            status, retry_after = self._fail
        return error_reply(status, retry_after)

    def _count_flaky(self, article_id: int) -> int:
        with self._lock:
            self._flaky[article_id] += 1
            return self._flaky[article_id]

    def reset_log(self) -> None:
        """Forget every logged request (e.g. to count the requests of one crawl)."""
        with self._lock:
            self._log.clear()

    # ---- runtime fault modes (thread-safe; take effect from the next request) -------------
    @property
    def faults(self) -> Faults:
        """The stateless fault modes now in force (an immutable snapshot)."""
        return self._faults

    def _change(self, **changes: Any) -> None:
        with self._lock:
            self._faults = dataclasses.replace(self._faults, **changes)

    @staticmethod
    def _check_section(section: str) -> None:
        if section not in SECTIONS:
            raise ValueError(f"unknown section {section!r}; expected one of {SECTIONS}")

    def fail_all(self, status: int, times: int, retry_after: str | None = None) -> None:
        """Answer the next ``times`` requests (any path but ``/robots.txt``) with ``status``.

        The body is nginx's short error page; ``retry_after`` (e.g. ``"2"`` or an HTTP date)
        is sent as ``Retry-After``. ``fail_all(503, times=10**9)``: the site is down for good.
        A new call replaces the previous one (it does not add to the count).
        """
        if not 100 <= status <= 599:
            raise ValueError(f"not an HTTP status: {status}")
        if times < 0:
            raise ValueError("times must be >= 0")
        with self._lock:
            self._fail = (status, retry_after)
            self._fail_left = times

    def heal(self) -> None:
        """End ``fail_all`` now."""
        with self._lock:
            self._fail_left = 0

    @property
    def failures_left(self) -> int:
        """How many more requests ``fail_all`` will fail."""
        with self._lock:
            return self._fail_left

    def loop_paging(self, section: str, on: bool = True) -> None:
        """The section's last listing page links "next" back to page 1 (as ``?page=1``).

        In the section's own paging style: CodeIgniter ``rel="next"`` +
        ``data-ci-pagination-page="1"``, ``<link rel="next">``, or (plain numbers) a ``\u203a``
        link after the usual numbered links. ``on=False`` undoes it.
        """
        self._check_section(section)
        self._change(loop=_toggle(self._faults.loop, section, on))

    def endless_paging(self, section: str, on: bool = True) -> None:
        """Page N past the section's last page answers 200 with the last page's articles and a
        next link to N + 1, forever; the real last page links to last + 1. ``on=False`` undoes
        it. Takes precedence over :meth:`loop_paging` for the same section."""
        self._check_section(section)
        self._change(endless=_toggle(self._faults.endless, section, on))

    def remove_section(self, section: str) -> None:
        """The section's listing pages (every page number) answer 404 and no menu lists it;
        its articles stay reachable by URL (and on the home page and sidebars)."""
        self._check_section(section)
        self._change(removed=_toggle(self._faults.removed, section, True))

    def restore_section(self, section: str) -> None:
        """Undo :meth:`remove_section`."""
        self._check_section(section)
        self._change(removed=_toggle(self._faults.removed, section, False))

    def break_markup(self, mode: str | None) -> None:
        """Serve every article page with a broken layout, or normally again with None.

        ``"selectors"``: desktop pages rename ``.single_post_heading``, ``#fontResizableText``
        and ``.author``; ``"dates"``: no date anywhere on desktop or AMP article pages (only
        the URL has it); ``"body"``: the desktop body container and the AMP content are
        empty; ``"challenge"``: every article URL (desktop, ``/read/``, AMP) answers 200 with
        the Cloudflare challenge page.
        """
        if mode is not None and mode not in MARKUP_MODES:
            raise ValueError(f"unknown markup mode {mode!r}; expected one of {MARKUP_MODES}")
        self._change(markup=mode)

    def hollow_article(self, article_id: int, on: bool = True) -> None:
        """Serve one article's pages with an empty body (see :attr:`Faults.hollow`); the
        article stays on its listings. ``on=False`` undoes it."""
        if self.site.record(article_id) is None:
            raise ValueError(f"no article {article_id} on the mirror")
        hollow = self._faults.hollow
        self._change(hollow=hollow | {article_id} if on else hollow - {article_id})

    def reset(self) -> None:
        """Clear every runtime fault mode (``fail_all`` included); the log is kept."""
        with self._lock:
            self._faults = NORMAL
            self._fail_left = 0

    @property
    def request_log(self) -> list[tuple[str, str, int]]:
        """``(method, path, status)`` of every answered request, in order (a copy)."""
        with self._lock:
            return list(self._log)

    def request_count(self, path_prefix: str | None = None) -> int:
        """How many requests were answered, optionally only those whose path starts so."""
        with self._lock:
            return sum(
                1 for _, p, _ in self._log if path_prefix is None or p.startswith(path_prefix)
            )

    def url(self, path: str) -> str:
        """Absolute mirror URL for a path such as ``/politik?page=2``."""
        return self.base_url + path


def _toggle(sections: frozenset[str], section: str, on: bool) -> frozenset[str]:
    return sections | {section} if on else sections - {section}
