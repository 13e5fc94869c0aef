"""Plain helpers and constants the tests import: `from tests.support.<module> import …`.

Fixtures live in the conftest.py of the folder that needs them (tests/conftest.py for all); only functions,
classes and constants live here.

  paths          REPO_ROOT, FIXTURES, TEST_OUTPUT
  server         free_port(), run_streamlit() (the real app on a free port), tail()
  browser        CHROMIUM, CHROMIUM_ARGS, wait_for_app(page), sign_in(page, …), tall_screenshot(page, …)
  accounts       STAFF, ADMIN (the accounts of the `staff_app` fixture)
  store_data     BIG_WON, budget_csv(), run_python()
  budget_frames  frame(), TINY, FEB_END (a hand-made budget frame)
  messy_exports  real-shaped messy exports, one module per dataset
"""
