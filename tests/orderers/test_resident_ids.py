"""Resident ID numbers: normalised, checked per GB 11643 (length, format, check digit, birth
date, region), and masked to the first three and last four characters."""
from datetime import date

import pytest

from marketplace.orderers.resident_ids import mask, normalise, problem_with
from tests.orderers.conftest import LEAP_DAY, LI_SI, ZHANG_SAN

TODAY = date(2026, 6, 1)


@pytest.mark.parametrize("number", [ZHANG_SAN, LI_SI, LEAP_DAY])
def test_valid_numbers_have_no_problem(number):
    assert problem_with(number, TODAY) is None


@pytest.mark.parametrize(("typed", "normalised"), [
    ("11010519491231002x", ZHANG_SAN),
    (" 110105 19491231 002X ", ZHANG_SAN),
    ("110105-19491231-002X", ZHANG_SAN),
    ("１１０１０５１９４９１２３１００２ｘ", ZHANG_SAN),  # full-width, as some input methods type it
])
def test_normalise_folds_what_people_type(typed, normalised):
    assert normalise(typed) == normalised


@pytest.mark.parametrize(("number", "problem"), [
    ("110105194912310021", "checksum"),
    ("44030519900101123X"[:-1] + "1", "checksum"),
    ("110105199013010018", "birth_date"),  # month 13, right check digit
    ("110101200102290015", "birth_date"),  # 29 February of a common year
    ("110101209901010017", "future_birth_date"),
    ("990101199001010019", "region"),
    ("11010519491231002", "length"),
    ("11010519491231002X1", "length"),
    ("", "length"),
    ("11010519491231A02X", "format"),
    ("11010519491231002A", "format"),
    ("X10105194912310021", "format"),
    ("１１０１０５１９４９１２３１００２X", "format"),  # full-width digits are only taken normalised
])
def test_invalid_numbers_name_their_problem(number, problem):
    assert problem_with(number, TODAY) == problem


def test_a_birth_date_of_today_is_not_in_the_future():
    assert problem_with("110101202606010012", date(2026, 6, 1)) is None
    assert problem_with("110101202606010012", date(2026, 5, 31)) == "future_birth_date"


def test_mask_shows_the_first_three_and_last_four_only():
    assert mask(ZHANG_SAN) == "110***********002X"
    assert mask(LI_SI) == "440***********123X"
    assert len(mask(LI_SI)) == 18
