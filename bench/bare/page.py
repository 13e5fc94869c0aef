"""The bare page bench/bench_audience.py --bare serves next to the app: a title and a line, nothing computed, so
the app's times can be read as a ratio to what Streamlit itself costs on the same machine at the same moment."""

import streamlit as st

st.title("Bare page")
st.write("A trivial page, served through the same protocol as the app.")
