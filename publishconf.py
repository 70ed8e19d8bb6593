"""Settings for the published site: absolute URLs from the SITEURL environment variable."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
if not SITEURL.startswith(("https://", "http://")):
    raise SystemExit(
        "publishconf.py needs SITEURL, the site's public address, e.g. "
        "SITEURL=https://status.example.org invoke build --publish"
    )
RELATIVE_URLS = False
