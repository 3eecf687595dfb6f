"""Screenshots of every role's pages at 1280 and 390 px wide, for a design review.

    .venv/bin/python bench/screenshots.py [--base-url URL] [--out var/screenshots] [--limit 40]

Without --base-url it loads the demo academy into a temporary data folder and serves it on
127.0.0.1:8350 for the run. Each role (anonymous visitor, learner, trainer, lead, programme team)
signs in and follows links from its home (tests/browser/crawl.py); every page is saved as
<out>/<role>/<nn>-<page>-<width>.png, full length. Pages wider than the screen are listed at the
end (there should be none). Needs Debian's Chromium (/usr/bin/chromium or CHROME_PATH).
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM_ARGS  # noqa: E402
from tests.browser.crawl import crawl  # noqa: E402

WIDTHS = {1280: 900, 390: 844}
PASSWORD = "academy-demo"  # noqa: S105 - the demo's published password
ROLES = {
    "visitor": None,
    "learner": "daan.jansen@brightwater.example",
    "trainer": "sophie.bakker@brightwater.example",
    "lead": "pieter.vandijk@brightwater.example",
    "programme": "emma.clarke@brightwater.example",
}


FIRST_CREDENTIAL = (
    "from certification.models import IssuedCredential as C; "
    "c = C.objects.order_by('id').first(); print(f'/verify/{c.code}/' if c else '')"
)


def serve_demo(port: int):
    data_dir = tempfile.mkdtemp(prefix="academy-screens-")
    env = {
        **os.environ,
        "ACADEMY_DATA_DIR": data_dir,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Credentials name their badge and the issuer's logo by absolute URL: this server's.
        "ACADEMY_BASE_URL": f"http://127.0.0.1:{port}",
    }
    env.pop("DATABASE_URL", None)
    python = sys.executable
    subprocess.run(  # noqa: S603 - a fixed command line
        [python, "manage.py", "demo", "--no-serve"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    # The page outsiders see first: a credential's verification page (no link leads a visitor there).
    first = subprocess.run(  # noqa: S603 - a fixed command line
        [python, "manage.py", "shell", "-c", FIRST_CREDENTIAL],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    first = first[-1] if first else ""
    server = subprocess.Popen(  # noqa: S603 - a fixed command line
        [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(url + "/healthz", timeout=2)  # noqa: S310 - http, built above
            return server, url, first
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("the demo server did not start")


def sign_in(page, email: str):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()


def slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")[:60] or "start"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url")
    parser.add_argument("--out", default=str(ROOT / "var" / "screenshots"))
    parser.add_argument("--limit", type=int, default=40, help="pages per role")
    parser.add_argument("--roles", default=",".join(ROLES))
    args = parser.parse_args()

    import django
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "academy.settings")
    django.setup()  # the crawler groups pages by URL pattern

    server = None
    base_url = args.base_url
    verify = ""
    if not base_url:
        server, base_url, verify = serve_demo(8350)
    out = Path(args.out)
    too_wide: list[str] = []
    count = 0
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
                args=CHROMIUM_ARGS,
            )
            for role in args.roles.split(","):
                context = browser.new_context(base_url=base_url, locale="en-GB")
                page = context.new_page()
                if ROLES[role]:
                    sign_in(page, ROLES[role])
                visitor = ["/", "/design/", "/policy/", *([verify] if verify else [])]
                start = visitor if ROLES[role] is None else None
                paths = crawl(page, base_url, limit=args.limit, start=start)
                folder = out / role
                folder.mkdir(parents=True, exist_ok=True)
                for number, path in enumerate(paths, 1):
                    for width, height in WIDTHS.items():
                        page.set_viewport_size({"width": width, "height": height})
                        page.goto(path)
                        name = f"{number:02d}-{slug(path)}-{width}.png"
                        page.screenshot(path=str(folder / name), full_page=True)
                        count += 1
                        if page.evaluate(
                            "document.documentElement.scrollWidth > window.innerWidth"
                        ):
                            too_wide.append(f"{role} {path} at {width} px")
                print(f"{role:<10} {len(paths):>3} pages")
                context.close()
            browser.close()
    finally:
        if server:
            server.terminate()
            server.wait()
    print(f"{count} screenshots in {out}")
    if too_wide:
        print("Wider than the screen:\n  " + "\n  ".join(too_wide))


if __name__ == "__main__":
    main()
