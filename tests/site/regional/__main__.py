"""``python -m tests.site.regional [--port 0] [--site rmollampung] [--articles 40]``: serve one
regional site of the RMOL network.

The first line on stdout is the base URL (flushed), so a shell script can start the mirror in
the background, read the URL and crawl it. Ctrl-C or SIGTERM stops it.
"""

from __future__ import annotations

import argparse
import signal
import sys
from types import FrameType

from tests.site.regional.model import NETWORK, PAGE_SIZE, build_regional_site
from tests.site.regional.server import RegionalMirrorServer


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m tests.site.regional", description=__doc__)
    p.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0 = random)")
    p.add_argument("--site", default="rmollampung", choices=sorted(NETWORK), help="site name")
    p.add_argument("--articles", type=int, default=40, help="ordinary articles to model")
    p.add_argument("--seed", type=int, default=11)
    p.add_argument("--page-size", type=int, default=PAGE_SIZE, help="items per listing page")
    p.add_argument("--slow-seconds", type=float, default=5.0, help="delay of the slow route")
    return p


def build(argv: list[str] | None = None) -> RegionalMirrorServer:
    """The server the command line asks for (bound, not yet serving)."""
    args = parser().parse_args(argv)
    site = build_regional_site(args.site, args.articles, args.seed, page_size=args.page_size)
    return RegionalMirrorServer(site, slow_seconds=args.slow_seconds, port=args.port)


def main(argv: list[str] | None = None) -> int:
    mirror = build(argv)
    # A background job of a non-interactive shell starts with SIGINT ignored; restore it, and
    # let SIGTERM stop the mirror the same clean way.
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    print(mirror.base_url, flush=True)
    try:
        mirror.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        mirror.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
