MESSAGES = {
    # A chart's text alternative (its accessible name): title and what the axes measure.
    "chart_export.description": ("차트: {title} ({axes})", "Chart: {title} ({axes})"),
    "chart_export.description.no_axes": ("차트: {title}", "Chart: {title}"),
    "chart_export.untitled": ("위 제목의 내용", "as headed above"),
    "chart_export.png": ("PNG 내려받기", "Download PNG"),
    "chart_export.png.help": (
        "이 차트를 그림 파일(PNG)로 내려받습니다. 보고서·발표 자료에 붙여 넣을 수 있습니다.",
        "Download this chart as an image (PNG) for reports and slides.",
    ),
}
