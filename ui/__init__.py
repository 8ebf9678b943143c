"""The Streamlit user interface. It only displays and collects; logic lives in `scoring`."""
