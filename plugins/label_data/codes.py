"""What the codes of French collectivities look like: written once, read by the rules
(``label_data.rules``), the importers (``label_import.matching``), the schema (each code field
names its pattern) and so the web editor, which checks a code as staff type it.

A pattern says only the shape; whether the code exists is the reference data's answer.
"""

from __future__ import annotations

import re

INSEE_RE = re.compile(r"\A(?:\d{5}|2[AB]\d{3})\Z")  # a commune (Corsica: 2A, 2B)
SIREN_RE = re.compile(r"\A\d{9}\Z")  # an intercommunality
DEPARTEMENT_RE = re.compile(r"\A(?:\d{2}|2[AB]|97\d)\Z")
REGION_RE = re.compile(r"\A\d{2}\Z")
COLLECTIVITY_RE = re.compile(r"\A(?:\d{5}|2[AB]\d{3}|\d{9})\Z")  # a file of territoires/
