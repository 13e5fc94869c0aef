"""Entry point: routes to the pages. Titles, icons and order live here only."""

import streamlit as st

st.set_page_config(page_title="AI 집적단지 대시보드", page_icon="🏙️", layout="wide")

pages = {
    "대시보드": [
        st.Page("pages/overview.py", title="개요", icon="📊", default=True, url_path="overview"),
    ],
}
st.navigation(pages).run()
