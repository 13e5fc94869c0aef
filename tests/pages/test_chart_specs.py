"""Every chart a page or a slide builds is a valid Vega-Lite spec (issue #23).

Pages and slides build their specs without Altair's schema check (`present.chart_png.vega_lite_spec`): a chart's
shape comes from its builder in charts/, not from the data. This test is that check, once: it renders each data page
of the sample and the briefing deck, in Korean and in English, records every spec built on the way (the charts shown,
the ones a toggle shows, the pipeline's first company's charts, every slide's) and validates each against the
Vega-Lite schema Altair ships.
"""

from __future__ import annotations

import altair as alt
import jsonschema
import pytest
from streamlit.testing.v1 import AppTest

import briefing.theme
import present.chart_png
from tests.support.paths import REPO_ROOT

PAGES = ("overview", "budget", "jobs", "pipeline", "briefing_deck")
AT_LEAST = 20  # specs built over these pages (the budget page alone builds one per strategy)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_chart_built_for_the_pages_is_valid_vega_lite(sample_store, monkeypatch, lang):
    built: list[dict] = []
    unchecked = present.chart_png.vega_lite_spec

    def recorded(chart: alt.TopLevelMixin) -> dict:
        spec = unchecked(chart)
        built.append(spec)
        return spec

    monkeypatch.setattr(present.chart_png, "vega_lite_spec", recorded)
    monkeypatch.setattr(briefing.theme, "vega_lite_spec", recorded)
    for page in PAGES:
        at = AppTest.from_file(str(REPO_ROOT / "views" / f"{page}.py"), default_timeout=60)
        at.query_params["lang"] = lang
        at.run()
        assert not at.exception, (page, [e.value for e in at.exception])
    assert len(built) >= AT_LEAST, len(built)
    for spec in built:
        alt.Root.from_dict(spec, validate=True)  # raises on anything Vega-Lite does not know


def test_the_check_refuses_an_invalid_spec():
    """The check above can fail: a mark Vega-Lite does not have is refused."""
    with pytest.raises(jsonschema.ValidationError):
        alt.Root.from_dict({"mark": "sparkle", "data": {"values": []}}, validate=True)
