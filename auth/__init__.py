"""Who may see and do what: roles, local accounts (argon2 hashes, kept in the store by `auth.directory`, with the
secrets file's accounts as a read-only bootstrap), the sign-in cookie endpoints (`auth.web`) and, in
`auth.session`, the Streamlit side (sign-in form, `require_role`, sign-out). Only `auth.session` imports Streamlit.

    python -m auth add-user kim --role staff --display-name 김담당      # prompts for the password
"""

from .accounts import Account, UserRecord, hash_password, load_users, verify
from .roles import ACTION_ROLES, PAGE_ROLES, Page, Role, action_role, page_role

__all__ = [
    "ACTION_ROLES",
    "PAGE_ROLES",
    "Account",
    "Page",
    "Role",
    "UserRecord",
    "action_role",
    "hash_password",
    "load_users",
    "page_role",
    "verify",
]
