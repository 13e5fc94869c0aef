import streamlit as st

st.title("국가 인공지능 집적단지 대시보드")
st.metric("상태", "준비 중")
