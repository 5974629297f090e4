"""``python -m tests.site [--port 8765] [--articles 40] [--slow-seconds 5]``: serve the mirror.

The first line on stdout is the base URL (flushed), so a shell script can start the mirror in
the background, read the URL and crawl it. Ctrl-C stops it.
"""

from __future__ import annotations

import argparse
import signal
import sys
from types import FrameType

from tests.site.model import build_site
from tests.site.server import MirrorServer


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.site", description=__doc__)
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0 = random)")
    parser.add_argument("--articles", type=int, default=40, help="ordinary articles to model")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--slow-seconds", type=float, default=5.0, help="delay of the slow route")
    args = parser.parse_args(argv)
    mirror = MirrorServer(
        build_site(args.articles, args.seed), slow_seconds=args.slow_seconds, port=args.port
    )
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
