"""A page as a 375px phone shows it: Debian's chromium through Playwright, in a thread of its
own so that it never meets the session browser of tests/browser (two sync Playwrights cannot
share a thread)."""

import os
import shutil
import threading

from tests.browser.conftest import CHROMIUM_ARGS

# What sticks out past the right edge of the screen (tables scroll inside .table-wrap).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => !e.closest('.table-wrap') && e.getBoundingClientRect().right > width + 0.5)
    .map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + e.textContent.slice(0, 40));
  return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 8)};
}"""


def _measure(base: str, username: str, path: str, found: dict) -> None:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport={"width": 375, "height": 812}).new_page()
            page.goto(f"{base}/masuk/")
            page.fill("#id_username", username)
            page.fill("#id_password", "pw-" + username)
            page.click("button[type=submit].primary")
            page.wait_for_load_state()
            page.goto(f"{base}{path}")
            for details in page.locator("details").all():
                details.evaluate("d => d.open = true")
            found.update(page.evaluate(OVERFLOW), cards=page.locator(".card").count())
        except Exception as err:  # reported to the test's own thread
            found["error"] = err
        finally:
            browser.close()


def overflow_on_phone(base: str, username: str, path: str) -> dict:
    """{scroll, width, wide, cards} of `path` seen at 375px by `username` (password pw-…)."""
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    found: dict = {}
    worker = threading.Thread(target=_measure, args=(base, username, path, found))
    worker.start()
    worker.join(timeout=120)
    if "error" in found:
        raise found["error"]
    return found
