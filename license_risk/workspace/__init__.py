"""A legal team's workspace, as people read it: an assessment's answer history and the list of assessments.

- `history`: each change of an answer in words (when, who, which question, old → new, tree version),
  and the changes as the memo's history appendix takes them.
- `listing`: the assessments a person sees (title, models, status, last change), and a reviewer's email checked.

Plain Python that the pages display and tests call without Streamlit. May import `license_risk.store`,
`license_risk.memo` (its plain data only), `license_risk.content`, `license_risk.i18n` and `scoring`;
not the CLI or the UI.
"""
