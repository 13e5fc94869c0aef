"""Presentation without Streamlit: the message catalogue, number and date wording, fonts, Excel and PNG files.

Pure functions only: charts/, briefing/ and the pages (through ui/) use them; nothing here imports Streamlit.
"""
