"""The Chinese interface shows only Chinese (issue 14): every page a county admin reaches from the home page and its
menus, and the public pages, are read as a person sees them (tags, scripts and styles stripped); no "中文 / English"
pair and no Latin word outside the codes and units a clerk really uses."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

PAIR = re.compile(r"[\u4e00-\u9fa5][^\n]{0,3} / [A-Za-z]")
LATIN = re.compile(r"(?<![A-Za-z0-9_.@/-])[A-Za-z][A-Za-z_]+(?![A-Za-z0-9@-])")
#: codes, units, formats and names a Chinese page may show in Latin letters
ALLOWED = {
    "API",
    "ID",
    "PDF",
    "Excel",
    "Word",
    "QR",
    "MB",
    "KB",
    "GB",
    "YYYY",
    "MM",
    "DD",
    "CSV",
    "xlsx",
    "xls",
    "OCDS",
    "http",
    "https",
    "URL",
    "HTML",
    "JSON",
    "Token",
    "VIP",
    "PC",
    "No",
    "OK",
    "IP",
    "USB",
    "App",
    "EMS",
    "SMS",
    "English",
    "X",
    "IOZSV",
    "Authorization",  # the HTTP header named on the token page
    "Language",  # the language switch is labelled in both languages on purpose: an English reader must find it
    # keys as printed on the keyboard, named in the shortcuts' hints (登记受理（Alt+N）, Ctrl+Enter 登记并继续)
    "Alt",
    "Ctrl",
    "Shift",
    "Enter",
    "Tab",
    "Esc",
}
PUBLIC = ["/windows/status/", "/procurement/public/", "/training/verify/", "/accounts/login/"]
SKIP = (
    "/accounts/logout",
    "/api/",
    "/admin/",
    "/i18n/",
    "/static/",
    "/media/",
    "export",
    "download",
    ".xlsx",
    "print",
)


#: elements without content or end tag: one marked "mono" must not hide the rest of the page
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Text(HTMLParser):
    """The text a person reads: data and the title, aria-label, placeholder and alt attributes, without scripts,
    styles, templates and what class "mono" marks as data shown as written (codes, numbers, addresses)."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, bool]] = []  # the open elements, each with whether it hides its content
        self.parts: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        hides = tag in ("script", "style", "template") or "mono" in (dict(attrs).get("class") or "").split()
        if tag not in VOID:
            self.open.append((tag, hides))
        href = dict(attrs).get("href") if tag == "a" else None
        if href and href.startswith("/") and not href.startswith("//"):
            self.links.append(href.split("#")[0])
        for name, value in attrs:  # what a screen reader or a hover reads is visible text too
            if name in ("title", "aria-label", "placeholder", "alt") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        # close up to the innermost open element of this name (a </p> the browser implied is tolerated)
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth][0] == tag:
                del self.open[depth:]
                break

    def handle_data(self, data):
        if not any(hides for _, hides in self.open):
            self.parts.append(data)


def read(client, url):
    response = client.get(url)
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return None
    parser = _Text()
    parser.feed(response.content.decode())
    return " ".join(parser.parts), parser.links


def foreign_words(text, own):
    return sorted({w for w in LATIN.findall(text) if w not in ALLOWED and w not in own})


def pages_from_home(client):
    seen, queue, pages = set(), ["/"], {}
    while queue and len(seen) < 80:
        url = queue.pop(0)
        if url in seen or any(s in url for s in SKIP):
            continue
        seen.add(url)
        got = read(client, url)
        if got is None:
            continue
        pages[url], links = got
        if url == "/" or url.count("/") <= 2:  # the home page and the areas' index pages: follow their menus
            queue += [link for link in links if link not in seen]
    return pages


def test_no_page_of_a_county_admin_shows_english_beside_chinese(actors, web):
    client = web(actors.county_admin)
    pages = pages_from_home(client)
    assert len(pages) > 10, sorted(pages)
    # usernames are data (the account list shows them all), written in Latin letters by whoever made the account
    names = get_user_model().objects.values_list("username", flat=True)
    own = {part for name in names for part in (name, *name.split("_"))}
    pairs = {url: PAIR.findall(text) for url, text in pages.items() if PAIR.search(text)}
    assert pairs == {}
    words = {url: foreign_words(text, own) for url, text in pages.items() if foreign_words(text, own)}
    assert words == {}, "\n".join(f"{u}: {w}" for u, w in words.items())


def test_the_public_pages_are_chinese_only(client):
    for url in PUBLIC:
        got = read(client, url)
        assert got is not None, url
        assert not PAIR.search(got[0]), url
        assert foreign_words(got[0], set()) == [], url


def test_the_reader_catches_the_leaks_issue_14_saw():
    text = _reader("<p>已办结 / closed</p><p>第三方 third_party 尚有5项</p><script>var ok = 1</script>")
    assert PAIR.search(text) and foreign_words(text, set()) == ["closed", "third_party"]


def _reader(html):
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


def test_the_reader_skips_only_what_mono_marks():
    html = (
        '<label>区划 <input class="mono" name="region"></label><span class="mono">440106<span>001</span>街道</span>'
        "<p>可见 <br>文字</p>"
    )
    assert _reader(html).split() == ["区划", "可见", "文字"]
