"""Computations behind the pages: pure functions of the datasets' frames, unit-tested, no Streamlit."""
