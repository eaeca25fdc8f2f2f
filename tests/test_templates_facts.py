"""Templates take every fact from its one home (issue #26): a site path from the URL contract
(``urls``), the number of enjeux from R6 and the green mention from the model, never typed.

Jinja comments (``{# … #}``) may name paths: they document, they are not output.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest
from label_data import urls
from label_data.model import GREEN_MENTION
from label_pages import assets, figures_chart, jinja

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted((ROOT / "theme" / "templates").rglob("*.html"))
COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)


def _contract_segments() -> set[str]:
    """The first segment of every path the contract names (``palmares``, ``feeds``,
    ``sitemap.xml`` …), its constants and what its functions make."""
    paths = [v for k, v in vars(urls).items() if k.isupper() and isinstance(v, str)]
    paths += [urls.territory("x", "1"), urls.photo("x", "1", "y"), urls.kit(2026, "x", "1")]
    return {path.split("/")[0] for path in paths if path}


SEGMENTS = _contract_segments()
# « /palmares/ » after a quote, a parenthesis, a tag's end or a space: a path typed in the
# template instead of made by urls. ``href="/"`` is the home page, urls.HOME.
_ALTERNATIVES = "|".join(re.escape(s) for s in sorted(SEGMENTS, key=len, reverse=True))
LITERAL_PATH = re.compile(
    r"""(?<=["'(>\s])/(?:""" + _ALTERNATIVES + r""")(?=[/"'#?\s<]|$)|href="/["#]"""
)


def _output_text(template: Path) -> str:
    return COMMENT.sub("", template.read_text(encoding="utf-8"))


def test_the_scan_sees_the_contract_and_the_templates():
    assert {"palmares", "territoires", "recherche", "enjeux", "chiffres", "kits"} <= SEGMENTS
    assert len(TEMPLATES) > 20
    for typed in ('<a href="/palmares/2026/">', "('/enjeux/', 'Enjeux')", '<a href="/">'):
        assert LITERAL_PATH.search(typed), typed
    assert not LITERAL_PATH.search('<a href="/{{ urls.palmares(2026) }}">')


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_no_template_types_a_site_path(template):
    found = LITERAL_PATH.findall(_output_text(template))
    assert not found, f"{template.name}: {found} (link through urls.* instead)"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_no_template_types_the_number_of_enjeux_or_the_green_mention(template):
    text = _output_text(template)
    assert not re.search(rf"\b{jinja.ENJEUX_COUNT}(\s|&nbsp;|\u00a0)+enjeux", text), template.name
    assert GREEN_MENTION not in text, template.name


def test_the_globals_say_the_facts():
    assert jinja.GLOBALS["enjeux_words"] == "16 enjeux"
    assert jinja.GLOBALS["GREEN_MENTION"] == GREEN_MENTION
    assert jinja.GLOBALS["urls"] is urls


def test_the_chart_takes_the_level_colours_from_the_site_css():
    colours = figures_chart.level_colours(assets.THEME_STATIC / "css" / "site.css")
    css = (assets.THEME_STATIC / "css" / "site.css").read_text(encoding="utf-8")
    assert sorted(colours) == [1, 2, 3, 4, 5]
    assert all(f"--n{n}: {c};" in css for n, c in colours.items())


def test_assets_follow_the_theme_setting(tmp_path):
    (tmp_path / "static" / "css").mkdir(parents=True)
    (tmp_path / "static" / "css" / "site.css").write_text("a { color: red; }\n")
    env = jinja2.Environment()
    env.globals["asset"] = assets.asset_url
    page = env.from_string("{{ asset('css/site.css') }}")
    url = page.render(THEME=str(tmp_path), THEME_STATIC_DIR="theme")
    assert re.fullmatch(r"/theme/css/site\.[0-9a-f]{10}\.css", url)
    assert url != page.render(THEME=str(ROOT / "theme"), THEME_STATIC_DIR="theme")
