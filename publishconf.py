"""Production settings: what Netlify builds (``make publish``)."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = ""  # root-relative links work on every deploy preview too
