"""The Streamlit app: the assessment pages (`assessment`), the maintainer page (`maintainer`), the server start (`serve`).

It only displays and collects: walking, scoring, memo content and maintainers'
reports come from the packages below, which it may all import (not the CLI).
"""
