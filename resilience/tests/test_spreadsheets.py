from hypothesis import given
from hypothesis import strategies as st

from resilience.spreadsheets import FORMULA_START, neutralise


@given(st.text())
def test_no_cell_starts_a_formula(text):
    cell = neutralise(text)
    assert not cell.startswith(FORMULA_START)
    assert cell in (text, "'" + text)  # nothing else changes


def test_the_usual_formulas():
    assert neutralise('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert neutralise("-2+3") == "'-2+3"
    assert neutralise("Beds") == "Beds"
