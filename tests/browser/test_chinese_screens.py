"""Issue 14 done-when, in Chromium: a Chinese-only page has no "/ English" pair. As every account of the demo
(seed_demo: county admin and clerk, township clerk, village coordinator, city and province viewers, the three
separated administrators), at 1366×768 and at 390×844, every page reached from the home page and its menus is read
as a person sees it once its scripts ran (document.body.innerText: charts' tables, pickers, messages; and the
titles, labels, placeholders and alternative texts a hover or a screen reader reads), and checked with
tests/core/test_chinese_pages.py's rules: no "中文 / English" pair, no Latin word outside its allow-list of codes and
units. Text in class "mono" is data shown as written, as there; so are the account names. The public pages are read
without login too.

Bounded: one page of each kind (/windows/cases/17/ stands for every case), a kind that an earlier account read is not
read again by the next one (except each account's home and area pages), and each page is loaded once and read at
both sizes (the window resized)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from regions.choices import Role
from regions.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from tests.core.test_chinese_pages import PAIR, PUBLIC, SKIP, foreign_words

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"1366×768": {"width": 1366, "height": 768}, "390×844": {"width": 390, "height": 844}}
#: every demo account a person logs in with (the service account only calls the API)
ACCOUNTS = [username for username, role, *_ in DEMO_ACCOUNTS if role != Role.SERVICE_ACCOUNT]
#: account names are data a person types as written (the demo's are Latin), like the codes: who did what, whose account
USERNAMES = {"admin", *(username for username, *_ in DEMO_ACCOUNTS)}
#: pages read per account at most (a guard against a crawl that runs away; the demo has fewer kinds)
MAX_PAGES = 150

#: what a person sees (class "mono" hidden for the reading, as the page reader of test_chinese_pages skips it), and
#: the words read out from attributes
READ_SCREEN = """() => {
  const mono = [...document.querySelectorAll('.mono')];
  const before = mono.map(e => e.style.display);
  mono.forEach(e => { e.style.display = 'none'; });
  const text = document.body.innerText;
  mono.forEach((e, i) => { e.style.display = before[i]; });
  const said = [...document.querySelectorAll('[title],[aria-label],[placeholder],[alt]')].flatMap(
    e => ['title', 'aria-label', 'placeholder', 'alt'].map(a => e.getAttribute(a) || ''));
  return [document.title, text, ...said].join('\\n');
}"""
LINKS = """() => [...document.querySelectorAll('a[href]')]
  .filter(a => !a.hasAttribute('download') && !a.closest('form[method=post]'))
  .map(a => a.href)"""
#: two animation frames after a resize: layout done and the resize handlers (charts) run
SETTLED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
NUMBERED = re.compile(r"[^/]*\d[^/]*|[A-Z]{6,}")  # an id, a number, a code (a certificate's)


def kind(path: str) -> str:
    """/windows/cases/17/steps/ → /windows/cases/<n>/steps/, /training/certificates/BXDZCDLYXUDP/ →
    /training/certificates/<n>/: pages of one kind share their template."""
    return "/".join("<n>" if NUMBERED.fullmatch(part) else part for part in path.split("/"))


@dataclass
class Scan:
    base: str
    read_kinds: set[str] = field(default_factory=set)
    #: (account, viewport, url) → what is wrong on that screen
    findings: dict[tuple[str, str, str], list[str]] = field(default_factory=dict)
    pages: int = 0

    def check(self, account: str, viewport: str, url: str, text: str) -> None:
        wrong = [f"pair {p!r}" for p in PAIR.findall(text)] + foreign_words(text, USERNAMES)
        if wrong:
            self.findings[(account, viewport, url)] = wrong

    def same_site(self, hrefs: Iterable[str]) -> list[str]:
        paths = []
        for href in hrefs:
            parts = urlsplit(href)
            if f"{parts.scheme}://{parts.netloc}" != self.base or any(s in href for s in SKIP):
                continue
            paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
        return paths

    def read_account(self, page, account: str) -> None:
        """Every page of the account from its home and menus: the home (depth 0), what it and the menus link to
        (1: the areas), what those link to (2: lists, dashboards, forms) and their links (3: one detail page of
        each kind)."""
        queue: list[tuple[str, int]] = [("/", 0)]
        seen: set[str] = set()
        count = 0
        while queue and count < MAX_PAGES:
            url, depth = queue.pop(0)
            path_kind = kind(url.split("?")[0])
            if path_kind in seen or (depth > 1 and path_kind in self.read_kinds):
                continue
            seen.add(path_kind)
            response = page.goto(f"{self.base}{url}", wait_until="networkidle")
            if response is None or response.status != 200 or not page.url.startswith(self.base):
                continue
            if "text/html" not in (response.headers.get("content-type") or ""):
                continue
            count += 1
            self.read_both_sizes(page, account, url)
            self.read_kinds.add(path_kind)
            if depth < 3:
                queue += [(link, depth + 1) for link in self.same_site(page.evaluate(LINKS))]
        self.pages += count

    def read_both_sizes(self, page, account: str, url: str) -> None:
        """At the size the page opened at, then with the window resized to the other one: the stylesheet's media
        queries apply at once and the charts redraw on the resize event (no script of ours lays out by the width it
        found at load), so one load serves both sizes."""
        sizes = sorted(VIEWPORTS.items(), key=lambda item: item[1] != page.viewport_size)
        for name, size in sizes:
            if page.viewport_size != size:
                page.set_viewport_size(size)
                page.evaluate(SETTLED)
            self.check(account, name, url, page.evaluate(READ_SCREEN))

    def read_public(self, page) -> None:
        """The pages without login, as an applicant or the public opens them."""
        page.context.clear_cookies()
        for url in PUBLIC:
            response = page.goto(f"{self.base}{url}", wait_until="networkidle")
            assert response is not None and response.status == 200, url
            self.read_both_sizes(page, "anonymous", url)
            self.pages += 1

    def report(self) -> str:
        return "\n".join(f"{who} {size} {url}: {words}" for (who, size, url), words in self.findings.items())


def scan(base: str, page, log_in: Callable[[str], object], accounts: Iterable[str] = ACCOUNTS) -> Scan:
    result = Scan(base)
    for account in accounts:
        page.context.clear_cookies()
        log_in(account)
        result.read_account(page, account)
    result.read_public(page)
    return result


def test_every_screen_of_every_demo_account_is_chinese_only_at_both_sizes(live_server, page, login):
    call_command("seed_demo", "--scale", "county", "--force", stdout=io.StringIO())
    result = scan(live_server.url, page, lambda account: login(account, DEMO_PASSWORD))
    assert result.pages > 60, result.pages
    assert result.findings == {}, result.report()


def test_the_screen_reader_sees_what_scripts_wrote_and_skips_data_shown_as_written(page):
    page.set_content(
        '<body><p>已办结 / closed</p><p title="third_party">状态</p><p class="mono">tianhe_li ABC_def</p>'
        '<p id="late"></p><p style="display:none">hidden_word</p>'
        "<script>document.getElementById('late').textContent = '图表 chart_table';</script></body>"
    )
    result = Scan("http://testserver")
    result.check("someone", "1366×768", "/", page.evaluate(READ_SCREEN))
    assert result.findings == {
        ("someone", "1366×768", "/"): ["pair '已办结 / c'", "chart_table", "closed", "third_party"]
    }
