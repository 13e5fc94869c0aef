"""The accounts of the `staff_app` fixture (tests/browser/conftest.py): (username, password, role, display name)."""

STAFF = ("kim", "staff-password-1", "staff", "김담당")
ADMIN = ("park", "admin-password-1", "admin", "박관리")
