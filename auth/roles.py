"""Who may do what: three roles, ordered, the registry of pages (`Page`) with the role each needs, and one table
of actions.

viewer (the mayor's office: every dashboard, nothing else) < staff (upload, history, rollback) < admin (also the
audit log and accounts). The two tables below are the only place these rules live; pages and app.py ask it.
"""

from __future__ import annotations

from enum import Enum


class Role(str, Enum):
    """A user's role. Compare with `allows`: a higher role may do everything a lower one may."""

    VIEWER = "viewer"
    STAFF = "staff"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return _RANKS[self]

    def allows(self, required: Role) -> bool:
        """True when this role may use something that needs `required`."""
        return self.rank >= Role(required).rank

    @classmethod
    def parse(cls, value: object) -> Role:
        """'staff', 'Staff ', Role.STAFF → Role.STAFF; ValueError for anything else."""
        if isinstance(value, Role):
            return value
        text = str(value).strip().lower()
        try:
            return cls(text)
        except ValueError:
            names = ", ".join(r.value for r in cls)
            raise ValueError(f"알 수 없는 권한입니다: {value!r} ({names} 중 하나)") from None


_RANKS = {Role.VIEWER: 1, Role.STAFF: 2, Role.ADMIN: 3}


class Page(str, Enum):
    """Every page of the app, by its url path, with the role it needs (`Page.BUDGET.role`). Viewer pages may be
    open to anonymous readers (setting [auth] viewers_must_sign_in); everything above viewer always needs a
    signed-in account."""

    # dashboards
    HOME = "home"  # the overview, at the app's root
    OVERVIEW = "overview"  # /overview, which leads to the root
    BUDGET = "budget"
    JOBS = "jobs"
    PIPELINE = "pipeline"
    MAP = "map"
    CHANGES = "changes"
    BRIEFING = "briefing"
    SIGN_IN = "sign-in"
    # data management
    UPLOAD = "upload"
    HISTORY = "history"
    # administration
    AUDIT = "audit"
    ACCOUNTS = "accounts"

    @property
    def role(self) -> Role:
        return PAGE_ROLES[self]


PAGE_ROLES: dict[Page, Role] = {
    Page.HOME: Role.VIEWER,
    Page.OVERVIEW: Role.VIEWER,
    Page.BUDGET: Role.VIEWER,
    Page.JOBS: Role.VIEWER,
    Page.PIPELINE: Role.VIEWER,
    Page.MAP: Role.VIEWER,
    Page.CHANGES: Role.VIEWER,
    Page.BRIEFING: Role.VIEWER,
    Page.SIGN_IN: Role.VIEWER,
    Page.UPLOAD: Role.STAFF,
    Page.HISTORY: Role.STAFF,
    Page.AUDIT: Role.ADMIN,
    Page.ACCOUNTS: Role.ADMIN,
}

# Actions, with the role each needs.
ACTION_ROLES: dict[str, Role] = {
    "import": Role.STAFF,
    "rollback": Role.STAFF,
    # A figure's 출처 beyond its version, time and formula: the rows as written and the original file. Raw files can
    # hold what the dashboards leave out (other columns, formulas), so only signed-in staff see them.
    "download_original": Role.STAFF,
    "read_source_rows": Role.STAFF,
    "read_audit": Role.ADMIN,
    "manage_accounts": Role.ADMIN,
}


def page_role(page: Page | str) -> Role:
    """The role a page needs, by `Page` or url path. A url path that is no `Page` needs admin, so a page added
    without an entry is closed rather than open."""
    try:
        return Page(page).role
    except ValueError:
        return Role.ADMIN


def action_role(action: str) -> Role:
    """The role an action needs; an unknown action needs admin."""
    return ACTION_ROLES.get(action, Role.ADMIN)
