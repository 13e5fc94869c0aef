"""Messages of the accounts page (admin): keys accounts."""

MESSAGES = {
    "accounts.caption": (
        "로그인 계정은 대시보드 저장소에 보관되며 모든 앱 서버가 함께 씁니다. 비밀번호는 argon2 해시로만 저장되며 이 화면에는 "
        "보이지 않습니다. secrets 파일 `{path}`의 계정은 읽기 전용 시작 계정으로 함께 쓰이고, 여기서 바꾸거나 지우면 그 뒤로는 "
        "저장소의 기록을 따릅니다.",
        "Sign-in accounts are kept in the dashboard's store, shared by every app server. Passwords are stored only as "
        "argon2 hashes and are never shown here. Accounts in the secrets file `{path}` are read-only starting "
        "accounts; changed or removed here, they follow the store from then on.",
    ),
    "accounts.source_secrets": (
        "secrets 파일에만 있는 계정 {count}개가 있습니다. 서버에서 `python -m auth migrate-accounts`로 저장소에 옮길 수 있습니다.",
        "{count} account(s) exist only in the secrets file. Move them into the store on the server with "
        "`python -m auth migrate-accounts`.",
    ),
    "accounts.col.source": ("보관 위치", "Kept in"),
    "accounts.source.store": ("저장소", "store"),
    "accounts.source.secrets": ("secrets 파일(읽기 전용)", "secrets file (read-only)"),
    "accounts.applies_at_once": (
        "바꾼 내용은 앱을 다시 시작하지 않아도 곧바로 적용됩니다. 권한이 바뀐 사람은 다음 화면부터 새 권한으로 쓰고, "
        "지운 계정은 로그아웃됩니다.",
        "Changes apply at once, without restarting the app: someone whose role changed has the new role from their "
        "next step, and a removed account is signed out.",
    ),
    "accounts.empty": ("로그인 계정이 없습니다.", "There are no sign-in accounts."),
    "accounts.problems": (
        "계정 표 {count}개에 문제가 있어 그 계정으로는 로그인할 수 없습니다. 서버에서 `python -m auth check`로 확인하세요.",
        "{count} account table(s) have problems and cannot be used to sign in. Run `python -m auth check` on the "
        "server for details.",
    ),
    # table
    "accounts.col.username": ("아이디", "Username"),
    "accounts.col.display_name": ("이름", "Display name"),
    "accounts.col.role": ("권한", "Role"),
    "accounts.col.email": ("이메일", "Email"),
    "accounts.col.sign_in": ("로그인 방식", "Sign-in"),
    "accounts.way.password": ("비밀번호", "password"),
    "accounts.way.oidc": ("기관 계정(OIDC)", "organisation account (OIDC)"),
    "accounts.way.none": ("없음", "none"),
    # tabs and fields
    "accounts.tab.add": ("계정 추가", "Add an account"),
    "accounts.tab.edit": ("계정 바꾸기", "Change an account"),
    "accounts.tab.remove": ("계정 삭제", "Remove an account"),
    "accounts.tab.sessions": ("로그인 끝내기", "End sign-ins"),
    "accounts.sessions_intro": (
        "계정의 로그인을 모든 브라우저에서 끝냅니다(예: 잃어버린 노트북, 퇴직, 비밀번호 유출). 그 계정으로 열린 화면은 "
        "다음 동작에서 로그아웃되고, 다시 로그인해야 합니다.",
        "End an account's sign-ins in every browser (e.g. a lost laptop, someone leaving, a leaked password). Pages "
        "open with that account are signed out at their next step and must sign in again.",
    ),
    "accounts.sessions_live": ("지금 로그인 {count}개", "{count} sign-ins on now"),
    "accounts.sessions_button": ("이 계정의 로그인 모두 끝내기", "End all sign-ins of this account"),
    "accounts.sessions_own": (
        "내 계정을 고르면 이 화면의 로그인도 끝납니다.",
        "Choosing your own account ends this page's sign-in too.",
    ),
    "accounts.done.end_sessions": (
        "{username} 계정의 로그인 {count}개를 끝냈습니다.",
        "Ended {count} sign-ins of {username}.",
    ),
    "accounts.username": ("아이디", "Username"),
    "accounts.username_help": (
        "영문 소문자나 숫자로 시작하고 영문 소문자, 숫자, . _ - 만 씁니다 (64자까지).",
        "Starts with a lower-case letter or digit; lower-case letters, digits, . _ - only (up to 64 characters).",
    ),
    "accounts.display_name": ("이름", "Display name"),
    "accounts.display_name_help": (
        "화면과 기록에 보일 이름입니다 (예: 김담당). 비워 두면 아이디를 씁니다.",
        "The name shown on screen and in the logs (e.g. 김담당). Left empty, the username is used.",
    ),
    "accounts.email": ("이메일 (선택)", "Email (optional)"),
    "accounts.email_help": (
        "기관 계정(OIDC)으로 로그인할 때 이 이메일이면 이 계정의 권한을 받습니다.",
        "Someone signing in with the organisation account (OIDC) with this email gets this account's role.",
    ),
    "accounts.role": ("권한", "Role"),
    "accounts.password": ("비밀번호 ({minimum}자 이상)", "Password (at least {minimum} characters)"),
    "accounts.password_again": ("비밀번호 확인", "Password again"),
    "accounts.new_password": ("새 비밀번호 ({minimum}자 이상)", "New password (at least {minimum} characters)"),
    "accounts.new_password_again": ("새 비밀번호 확인", "New password again"),
    "accounts.new_password_help": (
        "비밀번호를 바꿀 때만 입력하세요. 비워 두면 지금 비밀번호가 그대로 남습니다.",
        "Only to change the password. Left empty, the current password stays.",
    ),
    "accounts.add_button": ("계정 추가", "Add account"),
    "accounts.save_button": ("바꾼 내용 저장", "Save changes"),
    "accounts.select": ("계정", "Account"),
    "accounts.option": ("{username} · {name} · {role}", "{username} · {name} · {role}"),
    "accounts.self_role_locked": (
        "자기 계정의 권한은 바꿀 수 없습니다. 관리자가 늘 한 명 이상 남도록 다른 관리자가 바꿔야 합니다.",
        "You cannot change your own role; another administrator has to, so that there is always an administrator.",
    ),
    "accounts.remove_button": ("이 계정 삭제…", "Remove this account…"),
    "accounts.self_remove_locked": (
        "자기 계정은 지울 수 없습니다. 다른 관리자가 지워야 합니다.",
        "You cannot remove your own account; another administrator has to.",
    ),
    "accounts.remove_title": ("계정 삭제", "Remove account"),
    "accounts.remove_text": (
        "**{username}** ({name}, {role}) 계정을 지웁니다. 이 아이디로는 더 이상 로그인할 수 없고, 지금 로그인해 있다면 "
        "로그아웃됩니다. 지운 뒤에도 감사 기록은 남으며, 필요하면 계정을 다시 추가할 수 있습니다.",
        "This removes the account **{username}** ({name}, {role}). It can no longer sign in, and is signed out if it "
        "is signed in now. The audit log keeps its entries; the account can be added again if needed.",
    ),
    "accounts.remove_confirm": ("삭제", "Remove"),
    "accounts.cancel": ("취소", "Cancel"),
    # results
    "accounts.done.account_add": (
        "계정 {username}을(를) {role} 권한으로 추가했습니다. 이제 이 아이디로 로그인할 수 있습니다.",
        "Added the account {username} with the role {role}. It can sign in now.",
    ),
    "accounts.done.account_update": (
        "계정 {username}의 {fields}을(를) 바꿨습니다.",
        "Changed {fields} of the account {username}.",
    ),
    "accounts.done.account_remove": ("계정 {username}을(를) 지웠습니다.", "Removed the account {username}."),
    "accounts.field.role": ("권한", "role"),
    "accounts.field.display_name": ("이름", "display name"),
    "accounts.field.email": ("이메일", "email"),
    "accounts.field.password": ("비밀번호", "password"),
    # refusals (nothing written)
    "accounts.error.username": (
        "아이디 '{username}'은(는) 쓸 수 없습니다. 영문 소문자나 숫자로 시작하고 영문 소문자, 숫자, . _ - 만 씁니다 (64자까지).",
        "The username '{username}' cannot be used: it must start with a lower-case letter or digit and use only "
        "lower-case letters, digits, . _ - (up to 64 characters).",
    ),
    "accounts.error.exists": (
        "아이디 '{username}'은(는) 이미 있습니다. 바꾸려면 '계정 바꾸기'를 쓰세요.",
        "The username '{username}' already exists. Use 'Change an account' to change it.",
    ),
    "accounts.error.password_mismatch": (
        "두 번 입력한 비밀번호가 다릅니다. 다시 입력해 주세요.",
        "The two passwords are not the same. Please type them again.",
    ),
    "accounts.error.password_short": (
        "비밀번호는 {minimum}자 이상이어야 합니다.",
        "The password must have at least {minimum} characters.",
    ),
    "accounts.error.password_long": (
        "비밀번호는 {maximum}자까지 쓸 수 있습니다.",
        "The password may have at most {maximum} characters.",
    ),
    "accounts.error.display_name_long": (
        "이름은 {maximum}자까지 쓸 수 있습니다.",
        "The display name may have at most {maximum} characters.",
    ),
    "accounts.error.email": ("'{email}'은(는) 이메일 주소가 아닙니다.", "'{email}' is not an email address."),
    "accounts.error.email_taken": (
        "이메일 {email}은(는) 이미 계정 {other}에 있습니다. 한 이메일은 한 계정에만 쓸 수 있습니다.",
        "The email {email} already belongs to the account {other}; an email can belong to one account only.",
    ),
    "accounts.error.gone": (
        "계정 {username}이(가) 없습니다 (그 사이 지워졌을 수 있습니다).",
        "The account {username} does not exist (it may have been removed meanwhile).",
    ),
    "accounts.error.self_role": (
        "자기 계정의 권한은 바꿀 수 없습니다. 아무것도 바꾸지 않았습니다.",
        "You cannot change your own role. Nothing was changed.",
    ),
    "accounts.error.self_remove": (
        "자기 계정은 지울 수 없습니다. 아무것도 바꾸지 않았습니다.",
        "You cannot remove your own account. Nothing was changed.",
    ),
    "accounts.error.last_admin": (
        "관리자 계정이 하나도 남지 않게 되어 바꾸지 않았습니다.",
        "Not changed: no administrator account would be left.",
    ),
    "accounts.error.nothing_changed": (
        "계정 {username}에서 바뀐 것이 없습니다.",
        "Nothing was changed for the account {username}.",
    ),
    "accounts.error.store": (
        "계정을 저장소에 저장하지 못했습니다: {error}",
        "Could not save the account in the store: {error}",
    ),
    # audit log notes (stored in Korean, as the office reads the log)
    "accounts.audit.sessions_ended": ("계정 {username}의 로그인 끝냄", "sign-ins of {username} ended"),
    "accounts.audit.added": ("계정 {username} 추가 ({role})", "account {username} added ({role})"),
    "accounts.audit.removed": ("계정 {username} 삭제 ({role})", "account {username} removed ({role})"),
    "accounts.audit.migrated": (
        "계정 {username}을(를) secrets 파일에서 저장소로 옮김 ({role})",
        "account {username} moved from the secrets file into the store ({role})",
    ),
    "accounts.audit.updated": ("계정 {username}: {fields} 변경", "account {username}: {fields} changed"),
    "accounts.audit.role_changed": (
        "계정 {username}: 권한 {before} → {after} ({fields} 변경)",
        "account {username}: role {before} → {after} ({fields} changed)",
    ),
}
