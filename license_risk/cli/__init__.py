"""The command line (`python -m scoring`): parses arguments, calls the layers below, prints.

A thin layer: no rule, check or rendering lives here. May import every package
below it; nothing imports it but `scoring.__main__`.
"""
