"""Who may do what: three roles, ordered, and one table of what each page and action needs.

viewer (the mayor's office: every dashboard, nothing else) < staff (upload, history, rollback) < admin (also the
audit log and accounts). The table below is the only place these rules live; pages and app.py ask it.
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

# Pages by url_path, and actions, with the role each needs. Viewer pages may be open to anonymous readers
# (setting [auth] viewers_must_sign_in); everything above viewer always needs a signed-in account.
REQUIRED_ROLE: dict[str, Role] = {
    # dashboards
    "page:home": Role.VIEWER,  # the overview, at the app's root
    "page:overview": Role.VIEWER,  # /overview, which leads to the root
    "page:budget": Role.VIEWER,
    "page:jobs": Role.VIEWER,
    "page:pipeline": Role.VIEWER,
    "page:map": Role.VIEWER,
    "page:changes": Role.VIEWER,
    "page:briefing": Role.VIEWER,
    "page:sign-in": Role.VIEWER,
    # data management
    "page:upload": Role.STAFF,
    "page:history": Role.STAFF,
    "action:import": Role.STAFF,
    "action:rollback": Role.STAFF,
    "action:download_original": Role.VIEWER,  # reading, not changing: every figure's 출처 offers its file
    # administration
    "page:audit": Role.ADMIN,
    "page:accounts": Role.ADMIN,
    "action:read_audit": Role.ADMIN,
    "action:manage_accounts": Role.ADMIN,
}


def required_role(what: str) -> Role:
    """The role `what` needs: 'page:<url_path>' or 'action:<name>'. Unknown pages and actions need admin,
    so something added without an entry here is closed rather than open."""
    return REQUIRED_ROLE.get(what, Role.ADMIN)


def page_role(url_path: str) -> Role:
    return required_role(f"page:{url_path}")


def action_role(action: str) -> Role:
    return required_role(f"action:{action}")
