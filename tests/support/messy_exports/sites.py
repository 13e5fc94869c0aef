"""Messy sites exports: a valid file, and coordinates outside Korea or swapped."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.support.messy_exports.common import Case, Err, Grid, builder, exact_float, refused, valid, write_xlsx


@builder("sites_valid")
def sites_valid(folder: Path) -> Case:
    g = Grid("시설")
    g.add("집적단지 시설·부지 현황")
    g.add("시설명", "유형", "진행상태", "위도", "경도", "연면적(㎡)", "준공(예정)일")
    g.add("국가 AI 데이터센터", "데이터센터", "운영", 35.2312, 126.8457, "6,500", dt.datetime(2023, 11, 30))
    g.add("AI 실증장비동", "실증센터", "준공", "35.2301", "126.8482", exact_float("4100.5"), "2024.06.30")
    g.add("AI 창업동", "창업동", "공사중", 35.2325, 126.8431, "-", "2026년 12월 31일")
    g.add("집적단지 2단계 부지", "부지", "계획", 35.229, 126.8421, None, None)
    path = write_xlsx(folder / "sites_valid.xlsx", g)
    return valid("sites_valid", path, "sites", 4, {"area_m2": 10600.5})


@builder("sites_outside_korea")
def sites_outside_korea(folder: Path) -> Case:
    g = Grid()
    g.add("시설명", "구분", "상태", "위도", "경도", "면적(㎡)")
    g.add("국가 AI 데이터센터", "데이터센터", "운영", 35.2312, 126.8457, 6500)
    typo = g.add("AI 실증장비동", "실증센터", "운영", 135.2301, 126.8482, 4100)
    swapped = g.add("AI 창업동", "창업동", "공사중", 126.8431, 35.2325, 8200)
    status = g.add("부지", "부지", "검토중", 35.229, 126.8421, None)
    path = write_xlsx(folder / "sites_outside_korea.xlsx", g)
    return refused(
        "sites_outside_korea",
        path,
        "sites",
        [
            Err(typo, "위도", ("위도", "135.2301")),
            Err(swapped, "위도", ("위도",)),
            Err(swapped, "경도", ("경도",)),
            Err(status, "상태", ("검토중",)),
        ],
    )
