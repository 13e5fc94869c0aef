"""The briefing's still map (#25): names placed by priority, none drawn over another or over a marker, inside the
picture, at the size the slide and the PDF pack draw it; names stay text."""

from __future__ import annotations

import html
import itertools
import re

import pytest
import vl_convert

from briefing import map_snapshot as snap
from briefing.pdf import _chart_filling
from briefing.slides import MAP_HEIGHT
from briefing.theme import projector_spec
from charts import map_labels
from metrics import map_layers as ml
from present.chart_png import export_spec
from tests.unit.test_map_places import frame, sample_data

HOSTILE = '<img src=x onerror="alert(1)">'


def _label_rows(spec: dict) -> list[dict]:
    """The names the picture draws (the data of its text layers that carry a `label`)."""
    names = {layer["data"]["name"] for layer in spec["layer"] if layer["mark"]["type"] == "text"}
    rows = [row for name in names for row in spec["datasets"][name] if "label" in row]
    return list({(r["label"], r["lon"], r["lat"]): r for r in rows}.values())  # halo and text: one name


def _fitted(spec: dict) -> map_labels.FittedMercator:
    (west, south), (east, north) = spec["projection"]["fit"]["geometry"]["coordinates"]
    return map_labels.FittedMercator(west, south, east, north, spec["width"], spec["height"])


BASELINE = 0.3  # Vega draws a middle-baseline line's baseline this share of the font size below its middle


def _drawn_boxes(spec: dict) -> list[tuple[str, map_labels.Box]]:
    """The names' boxes in the image as vl-convert draws it (its SVG): each <text> at its translate(x, y), its
    first line's baseline; the box around its lines (map_labels' size of each line), turned as drawn."""
    svg = vl_convert.vegalite_to_svg(spec)
    line = snap.LABEL_PX * map_labels.LINE_HEIGHT
    boxes = {}
    pattern = r'<text aria-label="[^"]*; label: ([^"]*)"[^>]*transform="translate\(([-\d.]+),([-\d.]+)\)(?: rotate\(([-\d.]+)\))?'
    for label, x, y, angle in re.findall(pattern, svg):
        text = html.unescape(label)
        lines = text.count("\n") + 1
        if angle:  # turned about (x, y): the line's middle is there
            cx, cy = float(x), float(y)
        else:
            cx, cy = float(x), float(y) - BASELINE * snap.LABEL_PX + (lines - 1) * line / 2
        boxes[(text, cx, cy)] = map_labels.label_box(cx, cy, text, snap.LABEL_PX, float(angle or 0))
    return [(text, box) for (text, _, _), box in boxes.items()]  # halo and text: one box


def _marker_boxes(data: ml.MapData, spec: dict) -> list[map_labels.Box]:
    fitted = _fitted(spec)
    return [
        map_labels.marker_box(*fitted.pixel(lon, lat), snap.MARKER_PX)
        for lon, lat in zip(data.sites["lon"], data.sites["lat"], strict=False)
    ]


def _assert_clear(data: ml.MapData, spec: dict) -> list[str]:
    boxes = _drawn_boxes(spec)
    for text, box in boxes:
        assert box.inside(spec["width"], spec["height"]), text
        assert not any(box.intersects(m) for m in _marker_boxes(data, spec)), text
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        assert not box_a.intersects(box_b), (a, b)
    return [text for text, _ in boxes]


def _slide_and_pdf_specs(data: ml.MapData) -> list[dict]:
    """The map as the slide draws it (projector theme) and as the PDF pack draws it (its PNG's spec)."""
    chart = snap.snapshot_chart(data, "ko", MAP_HEIGHT)
    assert chart is not None
    slide = projector_spec(chart, MAP_HEIGHT)
    return [slide, export_spec(slide, 1200)]


def test_no_two_names_overlap_in_the_briefing_map_and_facilities_come_first():
    data = sample_data()
    for spec in _slide_and_pdf_specs(data):
        assert (spec["width"], spec["height"]) == (snap.MAP_WIDTH, MAP_HEIGHT)
        drawn = _assert_clear(data, spec)
        assert len(drawn) >= 5
        flat = {text.replace("\n", " ") for text in drawn}
        facilities = data.sites[data.sites["kind"] != ml.COMPANY_SITE_KIND]["name"]
        assert sum(name in flat for name in facilities) >= 3  # facilities before parcels, roads, companies
        assert "국가 AI 데이터센터" in flat


def test_the_names_are_drawn_where_they_were_placed():
    """Each name's box in the image (`_drawn_boxes`, from the SVG) is the box `charts.map_labels` placed it in."""
    data = sample_data()
    spec = _slide_and_pdf_specs(data)[1]
    fitted = _fitted(spec)
    placed = {p.label.text: p.box for p in snap.placed_labels(data, MAP_HEIGHT)}
    drawn = _drawn_boxes(spec)
    assert len(drawn) == len(placed) == len(_label_rows(spec))
    for text, box in drawn:
        want = placed[text]
        for got, expected in zip(
            (box.left, box.top, box.right, box.bottom), (want.left, want.top, want.right, want.bottom), strict=True
        ):
            assert got == pytest.approx(expected, abs=0.75), text
    assert fitted.width == snap.MAP_WIDTH


def test_a_crowded_briefing_map_leaves_names_out_rather_than_overlap_and_keys_every_site():
    rows = "\n".join(f"시설{i:02d} 이름이 긴 건물,창업동,운영,35.23,{126.84 + i * 0.0001:.4f},100" for i in range(20))
    data = ml.map_data(None, frame("시설명,구분,상태,위도,경도,면적\n" + rows + "\n", "s.csv", "sites"), None, None)
    for spec in _slide_and_pdf_specs(data):
        drawn = _assert_clear(data, spec)
        assert 0 < len(drawn) < 20
    key = snap.site_key(data, "ko")
    assert all(f"{i + 1} 시설{i:02d} 이름이 긴 건물" in key for i in range(20))  # every site in the slide's note


def test_the_pdf_draws_the_map_at_the_slide_size():
    data = sample_data()
    chart = snap.snapshot_chart(data, "ko", MAP_HEIGHT)
    assert chart is not None

    class Slide:
        pass

    slide = Slide()
    slide.chart = projector_spec(chart, MAP_HEIGHT)  # type: ignore[attr-defined]
    png = _chart_filling(slide, 273.0, 120.0)  # type: ignore[arg-type]
    height = int.from_bytes(png[20:24], "big")
    assert height < 2 * (MAP_HEIGHT + 40)  # not grown: the names were placed for this height


def test_hostile_names_stay_text_in_the_briefing_map():
    csv = (
        f"시설명,구분,상태,위도,경도,면적\n{HOSTILE},창업동,운영,35.23,126.84,100\n=1+2,부지,계획,35.231,126.841,100\n"
    )
    data = ml.map_data(None, frame(csv, "s.csv", "sites"), None, None)
    spec = _slide_and_pdf_specs(data)[1]
    assert {row["label"].replace("\n", " ") for row in _label_rows(spec)} == {HOSTILE, "=1+2"}
    svg = vl_convert.vegalite_to_svg(spec)
    assert "<img" not in svg and "&lt;img src=x" in svg  # written as text, not an element
    assert {text.replace("\n", " ") for text, _ in _drawn_boxes(spec)} == {HOSTILE, "=1+2"}
