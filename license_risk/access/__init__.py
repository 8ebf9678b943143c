"""Who is using the app and what they may do: roles, the people who hold them, and where roles come from.

- `roles`: the three roles (business user, legal reviewer, maintainer), reading them from an
  ID-token claim, and the roles file that maps e-mail addresses to roles (checked with file:line).
- `person`: a `Person` (the author recorded on what they save, and their roles), the single-user
  local person who holds every role, and the rule that decides a signed-in person's roles.

Plain Python, no Streamlit: `ui/identity.py` reads the signed-in user (`st.user`) and asks this.
May import `license_risk.content` (safe YAML reading, problems) and `license_risk.store` (the
author name of the local user); not the memo, the maintainers' tools, the CLI or the UI.
"""
