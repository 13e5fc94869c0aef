"""The versioned data store (SQLite by default, PostgreSQL with a postgresql+psycopg:// URL).

    from store import open_store
    store = open_store()                      # argument > env AICD_STORE_URL > <AICD_DATA_DIR or var/>/store.sqlite
    version = store.save_version(result, data, user="홍길동")
    frame = store.frame(store.latest("budget"))

No Streamlit in here: the app opens one Store per process (e.g. under st.cache_resource) and passes it around.
"""

from . import row_refs
from .engine import DATA_DIR_ENV, URL_ENV, data_dir, default_store_url, make_engine, resolve_url
from .seeding import seed_sample_data
from .store import SAMPLE_FILES, SAMPLE_HISTORY, SAMPLE_USER, Store, Version, open_store

__all__ = [
    "DATA_DIR_ENV",
    "SAMPLE_FILES",
    "SAMPLE_HISTORY",
    "SAMPLE_USER",
    "URL_ENV",
    "Store",
    "Version",
    "data_dir",
    "default_store_url",
    "make_engine",
    "open_store",
    "resolve_url",
    "row_refs",
    "seed_sample_data",
]
