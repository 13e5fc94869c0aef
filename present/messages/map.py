"""Messages of the district map page (지도)."""

MESSAGES = {
    "map.alt": (
        "첨단3지구 지도: 필지는 상태별 색, 시설은 구분별 기호, 기업은 산업분야별 색의 원",
        "Map of the Cheomdan 3 district: parcels coloured by status, facilities as symbols by kind, companies as circles coloured by sector",
    ),
    # controls
    "map.layers": ("표시할 내용", "Show"),
    "map.layer.parcels": ("필지", "Parcels"),
    "map.layer.outline": ("경계·도로", "Outline & roads"),
    "map.layer.facilities": ("시설", "Facilities"),
    "map.layer.companies": ("기업", "Companies"),
    "map.layer.labels": ("이름표", "Labels"),
    "map.three_d": ("3D 보기", "3D view"),
    "map.three_d_help": (
        "시설(부지 제외)을 면적에 비례하는 높이의 기둥으로 세워 보여 줍니다. 마우스 오른쪽 버튼(또는 Ctrl+드래그)으로 기울이고 돌릴 수 있습니다.",
        "Raises each facility (except bare sites) as a column whose height is proportional to its floor area. "
        "Right-drag (or Ctrl+drag) to tilt and rotate.",
    ),
    "map.basemap": ("배경 지도", "Base map"),
    "map.basemap.default": ("인터넷 지도", "Internet map"),
    "map.basemap.custom": ("시 타일", "City tiles"),
    "map.basemap.none": ("없음", "None"),
    "map.basemap_help": (
        "없음: 배경 지도 없이 경계·도로·이름표만 보여 줍니다(인터넷이 필요 없습니다). 시 타일: 설정 파일에 적은 시의 지도 "
        "타일(시 GIS 서버, 브이월드). 인터넷 지도: Streamlit 기본 지도(CARTO) — 설정에서 켰을 때만 나오며 인터넷이 필요합니다.",
        "None: no base map, only the outline, roads and labels (needs no internet). City tiles: the tile service set in "
        "the secrets file (the city's GIS server, VWorld). Internet map: Streamlit's map (CARTO), offered only when the "
        "settings turn it on, and it needs internet access.",
    ),
    "map.reset": ("지도 처음 화면으로", "Reset map view"),
    "map.tiles_invalid": (
        "설정 파일의 [map] tile_url이 올바르지 않아 배경 지도 없이 보여 줍니다. http(s)로 시작하고 {z}, {x}, {y}가 들어 있어야 합니다.",
        "The [map] tile_url in the secrets file is not valid, so the map is shown without a base map. It must start "
        "with http(s) and contain {z}, {x} and {y}.",
    ),
    "map.attribution": ("배경 지도: {attribution}", "Base map: {attribution}"),
    # messages about data
    "map.sites_empty": (
        "시설·부지 데이터가 없어 시설과 기업 위치를 표시할 수 없습니다. 데이터 관리 › 데이터 올리기에서 시설·부지 파일을 올려 주세요.",
        "There is no sites data, so facilities and companies cannot be placed. Upload a sites file under Data › Upload data.",
    ),
    "map.parcels_empty": (
        "필지 데이터(GeoJSON)가 없어 필지·경계·도로는 그리지 않았습니다.",
        "There is no parcels data (GeoJSON), so parcels, the outline and roads are not drawn.",
    ),
    "map.nothing": (
        "지도에 그릴 데이터가 없습니다. 데이터 관리 › 데이터 올리기에서 시설·부지 파일이나 필지 GeoJSON을 올려 주세요.",
        "Nothing to draw. Upload a sites file or a parcels GeoJSON under Data › Upload data.",
    ),
    # legend
    "map.legend": ("범례", "Legend"),
    "map.legend.parcels": ("필지 상태", "Parcel status"),
    "map.legend.facilities": ("시설 구분 (색은 상태)", "Facility kind (colour = status)"),
    "map.legend.companies": ("기업 산업분야", "Company sector"),
    "map.legend.size": ("원 크기: 재직자 수 (가장 큰 원 {count})", "Circle size: headcount (largest {count})"),
    "map.legend.count": (
        "원 위의 숫자: 한 건물의 입주 기업 수 (회색 원: 여러 분야, 누르면 목록), 글자: 한 기업의 분야",
        "Number on a circle: companies in one building (grey: several sectors; click for the list); letter: a lone "
        "company's sector",
    ),
    "map.legend.outline": ("집적단지 경계", "District outline"),
    "map.legend.road": ("도로", "Road"),
    "map.legend.columns": ("기둥 높이: 면적 (가장 높은 기둥 {area})", "Column height: floor area (tallest {area})"),
    # details
    "map.detail.title": ("선택한 항목", "Selected"),
    "map.detail.none": (
        "지도에서 시설이나 기업을 누르면 여기에 자세한 내용이 나옵니다.",
        "Click a facility or company on the map to see its details here.",
    ),
    "map.detail.kind.company": ("기업", "Company"),
    "map.detail.kind.facility": ("시설", "Facility"),
    "map.detail.kind.parcel": ("필지", "Parcel"),
    "map.detail.kind.road": ("도로", "Road"),
    "map.detail.kind.outline": ("경계", "Outline"),
    "map.detail.source": ("출처: {sources}", "Source: {sources}"),
    "map.detail.source_row": ("{dataset} {row}행", "{dataset} row {row}"),
    "map.detail.source_feature": ("{dataset} {row}번째 도형", "{dataset} feature {row}"),
    # fields (tooltips and details)
    "map.field.kind": ("구분", "Kind"),
    "map.field.status": ("상태", "Status"),
    "map.field.area": ("면적", "Area"),
    "map.field.use": ("용도", "Land use"),
    "map.field.facility": ("시설", "Facility"),
    "map.field.completion": ("준공일", "Completed"),
    "map.field.completion_planned": ("준공 예정일", "Completion due"),
    "map.field.sector": ("산업분야", "Sector"),
    "map.field.headcount": ("재직자 수", "Headcount"),
    "map.field.headcount_value": ("{count} ({month} 기준)", "{count} ({month})"),
    "map.field.stage": ("K-유니콘 단계", "K-Unicorn stage"),
    "map.field.stage_value": ("{stage} ({as_of} 기준)", "{stage} (as of {as_of})"),
    "map.field.valuation": ("기업가치", "Valuation"),
    "map.field.site": ("입주 시설", "Site"),
    # companies without a site
    "map.unplaced": ("지도에 위치가 없는 기업 {count}", "Companies not on the map: {count}"),
    "map.unplaced_help": (
        "시설·부지 데이터에 이 기업 이름(또는 '기업명 + 띄어쓰기 + 시설 이름')인 '기업' 구분 시설이 없어 지도에 찍지 못했습니다.",
        "No sites row of kind 기업 is named after these companies (the company name, or the name followed by a space "
        "and more words), so they cannot be placed.",
    ),
    "map.unplaced.company": ("기업", "Company"),
    "map.unplaced.sector": ("산업분야", "Sector"),
    "map.unplaced.headcount": ("재직자 수", "Headcount"),
    "map.unplaced.stage": ("K-유니콘 단계", "K-Unicorn stage"),
    "map.place.more": ("… 외 {count}개사 (누르면 목록)", "… and {count} more (click for the list)"),
    "map.field.companies": ("입주 기업", "Companies"),
    "map.detail.kind.place": ("건물의 입주 기업", "Companies in a building"),
    "map.unplaced.reason": ("이유", "Why"),
    "map.unplaced.todo": ("파일에 더할 것", "What to add to the file"),
    "map.unplaced.reason.unknown_building": (
        "입주 시설 '{given}'이(가) 시설·부지 목록에 없습니다",
        "Building '{given}' is not in the sites register",
    ),
    "map.unplaced.todo.unknown_building": (
        "시설·부지 파일의 시설명과 같게 고치거나, 그 시설을 시설·부지 파일에 더하세요",
        "Write it as the sites file names it, or add that building to the sites file",
    ),
    "map.unplaced.reason.address_road_only": (
        "주소 '{given}'의 도로는 단지 안이지만 어느 건물인지 알 수 없습니다",
        "Address '{given}' is on a district road but names no building",
    ),
    "map.unplaced.reason.address_unmatched": (
        "주소 '{given}'에서 단지의 시설을 찾지 못했습니다",
        "No district building found in address '{given}'",
    ),
    "map.unplaced.todo.address_unmatched": (
        "기업 파일에 '입주 시설' 열(건물 이름) 또는 위도·경도를 적으세요",
        "Add an '입주 시설' (building) column, or latitude and longitude, to the companies file",
    ),
    "map.unplaced.todo.nothing_given": (
        "기업 파일의 가장 최근 기준일 행에 '입주 시설'(시설·부지 파일의 시설명) 또는 위도·경도를 적으세요",
        "In the companies file's latest rows, add '입주 시설' (as the sites file names it) or latitude and longitude",
    ),
    "map.unplaced.todo.address_road_only": (
        "기업 파일에 '입주 시설' 열(건물 이름) 또는 위도·경도를 적으세요",
        "Add an '입주 시설' (building) column, or latitude and longitude, to the companies file",
    ),
    "map.unplaced.reason.nothing_given": (
        "입주 시설·주소·좌표가 없습니다",
        "No building, address or coordinates",
    ),
    "map.unplaced.none": ("모든 기업이 지도에 표시되어 있습니다.", "Every company is on the map."),
    # values of the contract's lists
    "map.status.계획": ("계획", "Planned"),
    "map.status.공사중": ("공사중", "Under construction"),
    "map.status.준공": ("준공", "Completed"),
    "map.status.운영": ("운영", "Operating"),
    "map.kind.데이터센터": ("데이터센터", "Data centre"),
    "map.kind.실증센터": ("실증센터", "Testbed centre"),
    "map.kind.창업동": ("창업동", "Start-up building"),
    "map.kind.기업": ("기업", "Company"),
    "map.kind.부지": ("부지", "Site (land)"),
    "map.kind.기타": ("기타", "Other"),
    "map.kind.필지": ("필지", "Parcel"),
    "map.kind.경계": ("경계", "Outline"),
    "map.kind.도로": ("도로", "Road"),
    "map.area_value": ("{area}㎡", "{area} m²"),
    # The map as text (accessibility, #17): what the map draws, listed by status, for a screen reader or keyboard.
    "map.list.title": ("지도의 시설·필지 목록 (상태별)", "Facilities and parcels on the map, by status"),
    "map.list.layer": ("종류", "Type"),
    "map.list.name": ("이름", "Name"),
}
