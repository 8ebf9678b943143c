"""Numbers as people type them: "200万", "２億", "1,500万", "50M", "1.5k", "2.5 million".

Owns reading a typed amount into a whole number (`read_number`) and showing one back
(`show_number`), for the app's number questions and for answers files alike, so both accept and
refuse the same texts. It never guesses: what it cannot read exactly is refused with a reason, and
the caller keeps the text as typed. `money` converts yen typed for a question in US dollars at the
rate the user gives (`convert`, `Conversion`), and words the conversion. A bottom layer: imports only license_risk.i18n (for its messages).
"""

from license_risk.numbers.money import Conversion, Fault, conversion_text, convert, near, near_text, reading_text
from license_risk.numbers.read import MAX_WHOLE, Reading, read_number, show_number

__all__ = [
    "MAX_WHOLE",
    "Conversion",
    "Fault",
    "Reading",
    "conversion_text",
    "convert",
    "near",
    "near_text",
    "read_number",
    "reading_text",
    "show_number",
]
