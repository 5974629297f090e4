"""Settings of the rmolcrawler project, grouped by concern and polite by default.

Project settings are named ``RMOL_*``; every one is listed in README.md. Tests and users turn
politeness down with ``-s NAME=VALUE``, never by editing code.
"""

import os

BOT_NAME = "rmolcrawler"
SPIDER_MODULES = ["rmolcrawler.spiders"]
NEWSPIDER_MODULE = "rmolcrawler.spiders"
COMMANDS_MODULE = "rmolcrawler.commands"  # `crawl` checks the spider's arguments first

# ---- the site ---------------------------------------------------------------------------
RMOL_BASE_URL = "https://rmol.id"
# Section slugs crawled besides those read from the home page's menu.
RMOL_SECTIONS = ["politik", "hukum", "bisnis", "nusantara", "dunia", "publika"]
RMOL_MAX_PAGES = 5  # listing pages per section; the spider argument max_pages overrides it
RMOL_RELATED_DEPTH = 1  # hops along ARTIKEL LAINNYA links; spider argument related_depth
# The regional network (spider rmol_regional): site name -> origin. Empty: the nine real sites
# (rmolcrawler.regional.sites.NETWORK). A dict given with -s replaces it: only its sites are
# crawled unless the spider argument sites= names some of them.
RMOL_REGIONAL_BASE_URLS: dict[str, str] = {}

# ---- public archives (spider rmol_archive): Common Crawl and the Wayback Machine ---------
RMOL_CC_INDEX_URL = "https://index.commoncrawl.org"  # collinfo.json and {crawl}-index
RMOL_CC_DATA_URL = "https://data.commoncrawl.org"  # WARC files, read by byte range
RMOL_IA_CDX_URL = "https://web.archive.org/cdx/search/cdx"
RMOL_IA_WAYBACK_URL = "https://web.archive.org/web"  # captures as {timestamp}id_/{url}

# ---- output -----------------------------------------------------------------------------
# One JSON Lines file per run, RMOL_OUTPUT under RMOL_DATA_DIR (FEEDS is derived at start-up
# in rmolcrawler/config.py); `-O file.jsonl` replaces it. Files appear under their final name
# only when complete (rmolcrawler/storage.py).
RMOL_DATA_DIR = os.environ.get("RMOL_DATA_DIR", "data")
# %(name)s is the spider's: rmol/.../rmol-<run id>.jsonl, rmol_regional/.../rmol_regional-<run id>.jsonl
RMOL_OUTPUT = "%(name)s/%(run_year)s/%(run_month)s/%(run_day)s/%(name)s-%(run_id)s.jsonl"
RMOL_BATCH_ITEMS = 0  # > 0: a new file every N items (-0001, -0002, ... before .jsonl)
RMOL_REPORT_FILE = ""  # default: <output without .jsonl>.report.json beside the output
RMOL_STATS_FILE = ""  # when set, the final crawl stats are also written there as JSON
FEED_EXPORT_ENCODING = "utf-8"  # Indonesian text unescaped
FEED_STORE_EMPTY = True
FEED_STORAGES = {
    "": "rmolcrawler.storage.AtomicFileFeedStorage",
    "file": "rmolcrawler.storage.AtomicFileFeedStorage",
}

# ---- archive: every response as fetched, in WARC files (rmolcrawler/archive/warc.py) ----
RMOL_WARC_ENABLED = True
RMOL_WARC_DIR = ""  # default: <RMOL_DATA_DIR>/warc; files <spider>-<run id>-00000.warc.gz
RMOL_WARC_MAX_BYTES = 1_000_000_000  # a file is closed and the next begun at this size

# ---- incremental runs -------------------------------------------------------------------
# Which ids were emitted and stored, what is pending, what each section looked like.
RMOL_STATE_ENABLED = True
RMOL_STATE_DIR = (
    ""  # default: <RMOL_DATA_DIR>/state (rmol), <RMOL_DATA_DIR>/state-<spider> (others)
)

# ---- health: an unhealthy crawl exits non-zero (rmolcrawler/health.py) -------------------
RMOL_HEALTH_FINISH_REASONS = ["finished"]
RMOL_HEALTH_MIN_ITEMS = 1  # when listings linked RMOL_HEALTH_MIN_NEW_LINKS new articles
RMOL_HEALTH_MAX_MISSING_SHARE = 0.05  # article pages lacking title, published_at or body
RMOL_HEALTH_MAX_URL_FALLBACK_SHARE = 0.2  # pages whose date or section only the URL gave
RMOL_HEALTH_MAX_ERROR_SHARE = 0.2  # requests failed after retries
RMOL_HEALTH_MAX_BLOCKED_SHARE = 0.1  # final 403/429 and challenge pages
RMOL_HEALTH_MIN_SAMPLE = 10  # shares are judged on at least this many pages or requests
RMOL_HEALTH_MIN_NEW_LINKS = 3  # min_items applies from this many new article links
RMOL_HEALTH_MAX_SECTIONS_GONE = 0  # sections that had articles and now fail

# ---- pipelines: one job each, in this order ---------------------------------------------
ITEM_PIPELINES = {
    "rmolcrawler.pipelines.timestamps.TimestampPipeline": 100,
    "rmolcrawler.pipelines.boilerplate.BoilerplatePipeline": 200,
    "rmolcrawler.pipelines.validation.ValidationPipeline": 300,
    "rmolcrawler.pipelines.daterange.DateRangePipeline": 400,
    "rmolcrawler.pipelines.dedup.DedupPipeline": 500,
    "rmolcrawler.pipelines.revisions.RevisionPipeline": 600,
}

# ---- politeness -------------------------------------------------------------------------
ROBOTSTXT_OBEY = True
USER_AGENT = os.environ.get(
    "RMOL_USER_AGENT",
    "rmolcrawler/0.1 (+https://github.com/rmolcrawler; research news archive)",
)
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_DELAY = 1.0
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Retry-After on 429/503 is honoured up to this many seconds (longer waits are capped).
RMOL_RETRY_AFTER_MAX = 120.0
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "rmolcrawler.middlewares.RetryAfterMiddleware": 550,
    # Sees each response before decompression (590), redirects (600) and retries (550).
    "rmolcrawler.archive.warc.WarcMiddleware": 880,
}

# ---- rendering (opt-in) -----------------------------------------------------------------
# Only requests flagged by the spider (argument render=1 or RMOL_RENDER) go to the browser.
RMOL_RENDER = False
RMOL_CHROMIUM_PATH = os.environ.get("RMOL_CHROMIUM_PATH", "/usr/bin/chromium")
DOWNLOAD_HANDLERS = {
    "http": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
    "https": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
}
PLAYWRIGHT_BROWSER_TYPE = "chromium"
PLAYWRIGHT_LAUNCH_OPTIONS = {
    "executable_path": RMOL_CHROMIUM_PATH,
    "headless": True,
    "args": [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ],
}
PLAYWRIGHT_ABORT_REQUEST = "rmolcrawler.rendering.abort_heavy_request"
PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT = 30_000

# ---- reporting --------------------------------------------------------------------------
EXTENSIONS = {
    "rmolcrawler.jobdir.JobDirGuard": 50,
    "rmolcrawler.incremental.IncrementalState": 100,
    "rmolcrawler.report.OutputGuard": 200,
    "rmolcrawler.report.RunReport": 300,
}
LOGSTATS_INTERVAL = 30.0  # progress: pages and items, with rates

# ---- runtime ----------------------------------------------------------------------------
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = "INFO"
TELNETCONSOLE_ENABLED = False
